package io.microshop.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Supplier;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A client's view of the system: plain HTTP and JSON to the gateway (or to a service's
 * own port), as curl would send them, with the bearer token of one user or none.
 */
final class Gateway {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final HttpClient client = HttpClient.newBuilder()
		.connectTimeout(Duration.ofSeconds(2))
		.version(HttpClient.Version.HTTP_1_1)
		.build();

	private final String baseUrl;

	private final Supplier<String> token;

	/**
	 * A client without a token.
	 * @param baseUrl where it sends its requests
	 */
	Gateway(String baseUrl) {
		this(baseUrl, null);
	}

	/**
	 * A client that sends a user's token with every request.
	 * @param baseUrl where it sends its requests
	 * @param token the user's current token, or {@code null} for none
	 */
	Gateway(String baseUrl, Supplier<String> token) {
		this.baseUrl = baseUrl;
		this.token = token;
	}

	/**
	 * The same client, sending another token.
	 * @param token the token, or {@code null} for none
	 * @return the client
	 */
	Gateway withToken(String token) {
		return new Gateway(this.baseUrl, (token != null) ? () -> token : null);
	}

	String baseUrl() {
		return this.baseUrl;
	}

	Response get(String path) {
		return send(HttpRequest.newBuilder(uri(path)).GET());
	}

	/**
	 * A GET that revalidates what the client read before, as an HTTP cache would.
	 * @param path the path
	 * @param etag the ETag the client has, sent as {@code If-None-Match}
	 * @return the answer (a 304 has no body)
	 */
	Response getIfNoneMatch(String path, String etag) {
		return send(HttpRequest.newBuilder(uri(path)).header("If-None-Match", etag).GET());
	}

	/**
	 * The status of a GET for something other than JSON (Prometheus' text format, say).
	 * @param path the path
	 * @param accept the media types accepted
	 * @return the status
	 */
	int status(String path, String accept) {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
			.timeout(Duration.ofSeconds(15))
			.header("Accept", accept);
		if (this.token != null) {
			request.header("Authorization", "Bearer " + this.token.get());
		}
		try {
			return this.client.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
		}
		catch (IOException ex) {
			throw new IllegalStateException("No answer from " + path, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	Response post(String path, String body) {
		return send(HttpRequest.newBuilder(uri(path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body)));
	}

	/**
	 * Posts a body with an {@code Idempotency-Key}, as a client that retries would.
	 */
	Response post(String path, String body, String idempotencyKey) {
		return send(HttpRequest.newBuilder(uri(path))
			.header("Content-Type", "application/json")
			.header("Idempotency-Key", idempotencyKey)
			.POST(HttpRequest.BodyPublishers.ofString(body)));
	}

	/**
	 * Posts a body in a trace of the client's, as a client that traces its calls would.
	 * @param path the path
	 * @param body the JSON body
	 * @param traceparent the W3C {@code traceparent} header
	 * @return the answer
	 */
	Response postInTrace(String path, String body, String traceparent) {
		return send(HttpRequest.newBuilder(uri(path))
			.header("Content-Type", "application/json")
			.header("traceparent", traceparent)
			.POST(HttpRequest.BodyPublishers.ofString(body)));
	}

	Response post(String path) {
		return send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.noBody()));
	}

	private URI uri(String path) {
		return URI.create(this.baseUrl + path);
	}

	private Response send(HttpRequest.Builder request) {
		try {
			if (this.token != null) {
				request.header("Authorization", "Bearer " + this.token.get());
			}
			HttpResponse<String> response = this.client.send(request.timeout(Duration.ofSeconds(15))
				.header("Accept", "application/json, application/problem+json")
				.build(), HttpResponse.BodyHandlers.ofString());
			return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
					response.headers().firstValue("Location").orElse(null),
					response.headers().firstValue("WWW-Authenticate").orElse(null),
					response.headers().firstValue("Retry-After").orElse(null),
					response.headers().firstValue("X-RateLimit-Remaining").map(Integer::valueOf).orElse(null),
					response.headers().firstValue("X-Trace-Id").orElse(null),
					response.headers().firstValue("ETag").orElse(null),
					response.headers().firstValue("Cache-Control").orElse(null), parse(response.body()));
		}
		catch (IOException ex) {
			throw new IllegalStateException("The gateway did not answer " + request.build().uri(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static JsonNode parse(String body) {
		return body.isBlank() ? json.missingNode() : json.readTree(body);
	}

	/**
	 * What the gateway answered.
	 *
	 * @param status the HTTP status
	 * @param contentType the Content-Type header
	 * @param location the Location header, if any
	 * @param challenge the WWW-Authenticate header, if any
	 * @param retryAfter the Retry-After header, if any
	 * @param rateLimitRemaining the requests the client may still send at once (the
	 * gateway's X-RateLimit-Remaining header), if given
	 * @param traceId the trace of the request (the X-Trace-Id header), if given
	 * @param etag the ETag header, if any
	 * @param cacheControl the Cache-Control header, if any
	 * @param body the JSON body (a missing node when empty)
	 */
	record Response(int status, String contentType, String location, String challenge, String retryAfter,
			Integer rateLimitRemaining, String traceId, String etag, String cacheControl, JsonNode body) {

	}

}
