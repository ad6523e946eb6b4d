package io.microshop.inventory.security;

import java.math.BigDecimal;
import java.util.UUID;
import java.util.stream.Stream;

import io.microshop.inventory.InventoryServiceIntegrationTest;
import io.microshop.inventory.stock.StockManagement;
import io.microshop.testidentity.ApiCalls;
import io.microshop.testidentity.RefusedTokens;
import io.microshop.testidentity.TestIdentityProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * API v2's rules on inventory-service's own port, without the gateway, with real signed
 * tokens: anyone reads the catalogue, only an admin changes it or handles dead letters,
 * every refusal is a problem and changes nothing, and the probes stay open.
 */
@InventoryServiceIntegrationTest
class InventorySecurityTests {

	private static final TestIdentityProvider identity = TestIdentityProvider.get();

	@Autowired
	private StockManagement stock;

	@LocalServerPort
	private int port;

	private ApiCalls http;

	private String sku;

	@BeforeEach
	void connect() {
		this.http = ApiCalls.on(this.port);
		this.sku = "SEC-" + UUID.randomUUID();
	}

	@Test
	void anyoneReadsTheCatalogueWithoutAToken() {
		this.stock.createProduct(this.sku, "Lamp", new BigDecimal("10.00"), 3);

		assertThat(get("/api/products/" + this.sku, null).getStatusCode().value()).isEqualTo(200);
		assertThat(get("/api/products?size=1", null).getStatusCode().value()).isEqualTo(200);
	}

	@Test
	void anAnonymousReadCarriesTheSecurityHeaders() {
		this.stock.createProduct(this.sku, "Lamp", new BigDecimal("10.00"), 3);

		HttpHeaders headers = get("/api/products/" + this.sku, null).getHeaders();

		assertThat(headers.getFirst("X-Content-Type-Options")).isEqualTo("nosniff");
		// the catalogue's own caching (revalidate every time) in place of Spring
		// Security's
		// no-store; every other answer keeps no-store
		assertThat(headers.getFirst(HttpHeaders.CACHE_CONTROL)).isEqualTo("no-cache");
		assertThat(get("/api/products/NO-SUCH-" + this.sku, null).getHeaders().getFirst(HttpHeaders.CACHE_CONTROL))
			.contains("no-store");
	}

	@ParameterizedTest(name = "a catalogue read with a token {0} is refused")
	@MethodSource("refusedTokens")
	void aCatalogueReadThatCarriesARefusedTokenIs401(String problem, String token) {
		this.stock.createProduct(this.sku, "Lamp", new BigDecimal("10.00"), 3);

		ResponseEntity<String> response = get("/api/products/" + this.sku, token);

		assertUnauthorized(response);
		assertThat(response.getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE)).startsWith("Bearer error=");
	}

	@Test
	void creatingAProductWithoutATokenIs401WithAChallengeAndCreatesNothing() {
		ResponseEntity<String> response = createProduct(null);

		assertUnauthorized(response);
		assertThat(response.getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE)).isEqualTo("Bearer");
		assertThat(get("/api/products/" + this.sku, null).getStatusCode().value()).isEqualTo(404);
	}

	@Test
	void aCustomerMayNotCreateOrRestockProducts() {
		String customer = identity.customer("ada@example.com");
		this.stock.createProduct(this.sku + "-R", "Lamp", new BigDecimal("10.00"), 3);

		assertForbidden(createProduct(customer));
		assertForbidden(post("/api/products/" + this.sku + "-R/restock", "{\"quantity\": 5}", customer));

		assertThat(get("/api/products/" + this.sku, null).getStatusCode().value()).isEqualTo(404);
		assertThat(this.stock.product(this.sku + "-R").getAvailable()).isEqualTo(3);
	}

	@Test
	void theAdminCreatesAndRestocksProducts() {
		assertThat(createProduct(identity.admin()).getStatusCode().value()).isEqualTo(201);
		assertThat(post("/api/products/" + this.sku + "/restock", "{\"quantity\": 5}", identity.admin()).getStatusCode()
			.value()).isEqualTo(200);
	}

	@ParameterizedTest(name = "a token {0} is refused")
	@MethodSource("refusedTokens")
	void aRefusedTokenIs401AndCreatesNothing(String problem, String token) {
		ResponseEntity<String> response = createProduct(token);

		assertUnauthorized(response);
		assertThat(response.getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE)).startsWith("Bearer error=");
		assertThat(get("/api/products/" + this.sku, null).getStatusCode().value()).isEqualTo(404);
	}

	static Stream<Arguments> refusedTokens() {
		return RefusedTokens.argumentsForAudience("inventory-service");
	}

	@Test
	void aTokenInTheQueryStringIs401EvenWhereNoTokenIsNeeded() {
		assertUnauthorized(get("/api/products?access_token=" + identity.admin(), null));
		assertUnauthorized(post("/api/products?access_token=" + identity.admin(), productJson(), null));
		assertThat(get("/api/products/" + this.sku, null).getStatusCode().value()).isEqualTo(404);
	}

	@Test
	void theDeadLettersNeedTheAdmin() {
		assertUnauthorized(get("/actuator/deadletters", null));
		assertForbidden(get("/actuator/deadletters", identity.customer("ada@example.com")));
		assertForbidden(post("/actuator/deadletters", "", identity.customer("ada@example.com")));
		assertThat(get("/actuator/deadletters", identity.admin()).getStatusCode().value()).isEqualTo(200);
	}

	@Test
	void probesAndScrapersNeedNoToken() {
		assertThat(get("/actuator/health", null).getStatusCode().value()).isEqualTo(200);
		assertThat(get("/actuator/prometheus", null).getStatusCode().value()).isEqualTo(200);
		assertUnauthorized(get("/actuator/metrics", null));
	}

	private ResponseEntity<String> createProduct(String token) {
		return post("/api/products", productJson(), token);
	}

	private String productJson() {
		return """
				{"sku": "%s", "name": "Lamp", "price": 10.00, "quantity": 3}""".formatted(this.sku);
	}

	private ResponseEntity<String> get(String uri, String token) {
		return this.http.get(uri, token);
	}

	private ResponseEntity<String> post(String uri, String body, String token) {
		return this.http.post(uri, body, token);
	}

	private static void assertUnauthorized(ResponseEntity<String> response) {
		assertThat(response.getStatusCode().value()).isEqualTo(401);
		assertThat(response.getHeaders().getContentType()).hasToString("application/problem+json");
		assertThat(response.getBody()).contains("\"status\":401").contains("urn:microshop:problem:unauthorized");
		assertThat(response.getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE)).startsWith("Bearer");
	}

	private static void assertForbidden(ResponseEntity<String> response) {
		assertThat(response.getStatusCode().value()).isEqualTo(403);
		assertThat(response.getHeaders().getContentType()).hasToString("application/problem+json");
		assertThat(response.getBody()).contains("\"status\":403").contains("urn:microshop:problem:forbidden");
	}

}
