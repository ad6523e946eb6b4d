package io.microshop.gateway.edge;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Checks the request target of a request line ({@code /path?query}) as it arrived, before
 * anything decodes or normalizes it: every percent-encoding well-formed, the decoded
 * bytes UTF-8, no control character, and in the path no encoded {@code /} or {@code \}
 * (which would make one segment two for the service) and no {@code .} or {@code ..}
 * segment (which would climb out of the routed path).
 */
final class RequestTarget {

	private RequestTarget() {
	}

	/**
	 * Why a request target is refused.
	 * @param target the request target as sent
	 * @return the reason, or {@code null} if it is fine
	 */
	static String problem(String target) {
		if (target.equals("*")) {
			return null;
		}
		if (!target.startsWith("/")) {
			return "The request target must be a path starting with /";
		}
		int query = target.indexOf('?');
		String path = (query < 0) ? target : target.substring(0, query);
		String pathProblem = problem(path, true);
		if (pathProblem != null) {
			return "The request path " + pathProblem;
		}
		if (query >= 0) {
			String queryProblem = problem(target.substring(query + 1), false);
			if (queryProblem != null) {
				return "The query string " + queryProblem;
			}
		}
		return null;
	}

	private static String problem(String part, boolean path) {
		ByteBuffer decoded = ByteBuffer.allocate(part.length());
		for (int i = 0; i < part.length(); i++) {
			char c = part.charAt(i);
			if (c < 0x21 || c > 0x7e) {
				return "holds a character that must be percent-encoded";
			}
			if (c != '%') {
				decoded.put((byte) c);
				continue;
			}
			int high = (i + 2 < part.length()) ? Character.digit(part.charAt(i + 1), 16) : -1;
			int low = (high >= 0) ? Character.digit(part.charAt(i + 2), 16) : -1;
			if (low < 0) {
				return "has a malformed percent-encoding (a % not followed by two hex digits)";
			}
			int value = high * 16 + low;
			if (value < 0x20 || value == 0x7f) {
				return "holds an encoded control character";
			}
			if (path && (value == '/' || value == '\\')) {
				return "holds an encoded / or \\";
			}
			decoded.put((byte) value);
			i += 2;
		}
		String text;
		try {
			text = StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(decoded.flip())
				.toString();
		}
		catch (CharacterCodingException ex) {
			return "is not UTF-8 once percent-decoded";
		}
		if (path) {
			for (String segment : text.split("/", -1)) {
				if (segment.equals(".") || segment.equals("..")) {
					return "has a . or .. segment";
				}
			}
			if (text.contains("\\")) {
				return "holds a \\";
			}
		}
		return null;
	}

}
