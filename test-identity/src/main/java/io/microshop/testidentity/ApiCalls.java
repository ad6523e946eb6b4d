package io.microshop.testidentity;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

/**
 * Calls to a service's own port with a bearer token or none, answered as they come (an
 * error status is a response, not an exception): what the tests of who may do what send.
 */
public final class ApiCalls {

	private final RestClient http;

	private ApiCalls(RestClient http) {
		this.http = http;
	}

	/**
	 * Calls to a server on this machine.
	 * @param port its port
	 * @return the calls
	 */
	public static ApiCalls on(int port) {
		return new ApiCalls(RestClient.builder()
			.baseUrl("http://localhost:" + port)
			.defaultStatusHandler(HttpStatusCode::isError, (request, response) -> {
			})
			.build());
	}

	/**
	 * A GET.
	 * @param uri the path and query
	 * @param token the bearer token, or {@code null} for none
	 * @return the response
	 */
	public ResponseEntity<String> get(String uri, String token) {
		RestClient.RequestHeadersSpec<?> request = this.http.get().uri(uri);
		authorize(request, token);
		return request.retrieve().toEntity(String.class);
	}

	/**
	 * A POST.
	 * @param uri the path and query
	 * @param json the JSON body, or {@code null} for none
	 * @param token the bearer token, or {@code null} for none
	 * @return the response
	 */
	public ResponseEntity<String> post(String uri, String json, String token) {
		RestClient.RequestBodySpec request = this.http.post().uri(uri);
		authorize(request, token);
		if (json != null) {
			request.contentType(MediaType.APPLICATION_JSON).body(json);
		}
		return request.retrieve().toEntity(String.class);
	}

	private static void authorize(RestClient.RequestHeadersSpec<?> request, String token) {
		if (token != null) {
			request.header(HttpHeaders.AUTHORIZATION, "Bearer " + token);
		}
	}

}
