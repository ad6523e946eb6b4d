package io.microshop.order;

import io.microshop.testidentity.ApiCalls;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * order-service's OpenAPI document on its own port, without a token (the gateway's
 * Swagger UI reads it through the gateway): OpenAPI 3.1, the API's paths only, API v2's
 * identity. What it says of each operation is checked against API.md through the gateway
 * (e2e's ApiDocumentationTests).
 */
@OrderServiceIntegrationTest
class ApiDocumentTests {

	@LocalServerPort
	private int port;

	@Test
	void documentIsPublicAndDescribesTheOrdersApi() {
		ResponseEntity<String> response = ApiCalls.on(this.port).get("/v3/api-docs", null);
		assertThat(response.getStatusCode().value()).isEqualTo(200);
		JsonNode document = JsonMapper.shared().readTree(response.getBody());
		assertThat(document.path("openapi").asString()).startsWith("3.1");
		assertThat(document.path("paths").propertyNames()).containsExactlyInAnyOrder("/api/orders", "/api/orders/{id}",
				"/api/orders/{id}/cancel");
		assertThat(
				document.at("/components/securitySchemes/oauth2/flows/authorizationCode/authorizationUrl").asString())
			.isEqualTo("http://localhost:8180/realms/microshop/protocol/openid-connect/auth");
	}

}
