package io.microshop.security;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;

/**
 * The two refusals of API v2 as RFC 9457 problems, with the {@code WWW-Authenticate}
 * header of RFC 6750: 401 for a missing or refused token, 403 for a token without the
 * role a call needs. Written the same by the gateway and by every service.
 */
public final class SecurityProblems {

	/**
	 * The media type of the bodies.
	 */
	public static final String CONTENT_TYPE = "application/problem+json";

	private static final String TYPE_PREFIX = "urn:microshop:problem:";

	private static final JsonMapper json = JsonMapper.builder().build();

	private SecurityProblems() {
	}

	/**
	 * The problem for a call without a usable token.
	 * @param failure why the token was refused, or why there was none
	 * @param instance the request's path
	 * @return the problem
	 */
	public static ProblemDetail unauthorized(AuthenticationException failure, String instance) {
		OAuth2Error error = oauth2Error(failure);
		String detail = (error == null) ? "This call needs a bearer token: Authorization: Bearer <access token>."
				: "The bearer token was refused: " + describe(error) + ".";
		return problem(HttpStatus.UNAUTHORIZED, "unauthorized", "Unauthorized", detail, instance);
	}

	/**
	 * The {@code WWW-Authenticate} header of a 401: {@code Bearer} alone when there was
	 * no token, with the error code and its description when one was refused.
	 * @param failure why
	 * @return the header's value
	 */
	public static String unauthorizedChallenge(AuthenticationException failure) {
		OAuth2Error error = oauth2Error(failure);
		if (error == null) {
			return "Bearer";
		}
		return "Bearer error=\"%s\", error_description=\"%s\"".formatted(quotable(error.getErrorCode()),
				quotable(describe(error)));
	}

	/**
	 * The problem for a valid token without the role a call needs.
	 * @param instance the request's path
	 * @return the problem
	 */
	public static ProblemDetail forbidden(String instance) {
		return problem(HttpStatus.FORBIDDEN, "forbidden", "Forbidden",
				"Your token does not carry the role this call needs.", instance);
	}

	/**
	 * The problem for a request refused before it reaches the API, as the gateway's edge
	 * refuses one: a malformed target or header.
	 * @param instance the request's path
	 * @return the problem
	 */
	public static ProblemDetail malformedRequest(String instance) {
		return problem(HttpStatus.BAD_REQUEST, "malformed-request", "Malformed request",
				"The request's target or one of its headers is malformed (an encoded slash, a control character, ...).",
				instance);
	}

	/**
	 * The {@code WWW-Authenticate} header of a 403 (RFC 6750).
	 */
	public static final String FORBIDDEN_CHALLENGE = "Bearer error=\"insufficient_scope\", "
			+ "error_description=\"The token does not carry the role this call needs\"";

	/**
	 * A problem's JSON body.
	 * @param problem the problem
	 * @return its bytes
	 */
	public static byte[] body(ProblemDetail problem) {
		Map<String, Object> fields = new LinkedHashMap<>();
		fields.put("type", String.valueOf(problem.getType()));
		fields.put("title", problem.getTitle());
		fields.put("status", problem.getStatus());
		fields.put("detail", problem.getDetail());
		if (problem.getInstance() != null) {
			fields.put("instance", problem.getInstance().toString());
		}
		return json.writeValueAsBytes(fields);
	}

	private static ProblemDetail problem(HttpStatus status, String type, String title, String detail, String instance) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(URI.create(TYPE_PREFIX + type));
		problem.setTitle(title);
		try {
			problem.setInstance(URI.create(instance));
		}
		catch (IllegalArgumentException ex) {
			// a target malformed enough is left out rather than echoed
		}
		return problem;
	}

	private static OAuth2Error oauth2Error(AuthenticationException failure) {
		return (failure instanceof OAuth2AuthenticationException oauth2) ? oauth2.getError() : null;
	}

	private static String describe(OAuth2Error error) {
		String description = error.getDescription();
		return (description != null && !description.isBlank()) ? description : error.getErrorCode();
	}

	// a quoted-string of RFC 9110 holds neither " nor \ unescaped; the description is
	// for people, so they become '
	private static String quotable(String text) {
		return text.replace('"', '\'').replace('\\', '\'').replaceAll("[\\r\\n]", " ");
	}

}
