package io.microshop.order.ordering;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The SHA-256 (hex) of a canonical form of an order request, to tell a retry of a request
 * from another request under the same idempotency key.
 * <p>
 * The canonical form is compact JSON of the parsed request, built field by field so that
 * no mapper setting can change it: {@code {"customerEmail":…,"lines":[{"sku":…,
 * "quantity":…},…]}}. Whitespace, the order of fields and unknown fields of the body do
 * not count, since the body is parsed first. The values are kept exactly as sent: the
 * email is not lower-cased (the order keeps it as sent), and the lines stay in the order
 * given, since the order lists them in that order; the same lines in another order are
 * another request. A retry resends the same body, so this strictness costs nothing.
 */
final class RequestFingerprint {

	private static final JsonMapper json = JsonMapper.builder().build();

	private RequestFingerprint() {
	}

	static String of(PlaceOrder command) {
		ObjectNode canonical = json.createObjectNode();
		canonical.put("customerEmail", command.customerEmail());
		ArrayNode lines = canonical.putArray("lines");
		command.lines().forEach((line) -> lines.addObject().put("sku", line.sku()).put("quantity", line.quantity()));
		return sha256(json.writeValueAsString(canonical));
	}

	private static String sha256(String text) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			// every Java platform implements SHA-256
			throw new IllegalStateException(ex);
		}
	}

}
