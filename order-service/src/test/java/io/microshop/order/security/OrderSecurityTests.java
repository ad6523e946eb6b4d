package io.microshop.order.security;

import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import io.microshop.order.OrderServiceFixture;
import io.microshop.order.OrderServiceIntegrationTest;
import io.microshop.order.ordering.OrderManagement;
import io.microshop.order.ordering.OrderStatus;
import io.microshop.testidentity.ApiCalls;
import io.microshop.testidentity.RefusedTokens;
import io.microshop.testidentity.TestIdentityProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.domain.Pageable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.security.oauth2.jwt.JwtDecoder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * API v2's rules on order-service's own port, without the gateway, with real signed
 * tokens and real orders in PostgreSQL: each customer places, reads, lists and cancels
 * only their own orders (another's is a 404, and stays as it was), the admin anybody's;
 * every refused token is a 401 problem; the dead letters need the admin; the probes stay
 * open.
 */
@OrderServiceIntegrationTest
class OrderSecurityTests {

	private static final TestIdentityProvider identity = TestIdentityProvider.get();

	private static final JsonMapper json = JsonMapper.shared();

	@Autowired
	private OrderServiceFixture fixture;

	@Autowired
	private OrderManagement orders;

	@LocalServerPort
	private int port;

	private ApiCalls http;

	private String ada;

	private String grace;

	private String sku;

	@BeforeEach
	void connect() {
		this.http = ApiCalls.on(this.port);
		// customers of their own, so that listings hold only this test's orders
		this.ada = "ada-" + UUID.randomUUID() + "@example.com";
		this.grace = "grace-" + UUID.randomUUID() + "@example.com";
		this.sku = this.fixture.product("10.00");
	}

	@Test
	void theServicesDecoderVerifiesEachTokenOnce(@Autowired JwtDecoder decoder) {
		String token = identity.customer(this.ada);

		assertThat(decoder.decode(token)).isSameAs(decoder.decode(token));
	}

	@Test
	void aCustomerPlacesReadsListsAndCancelsTheirOwnOrders() {
		String token = identity.customer(this.ada);

		ResponseEntity<String> placed = placeOrder(token, null);
		assertThat(placed.getStatusCode().value()).isEqualTo(201);
		JsonNode order = json.readTree(placed.getBody());
		assertThat(order.get("customerEmail").asString()).isEqualTo(this.ada);
		String id = order.get("id").asString();

		assertThat(get("/api/orders/" + id, token).getStatusCode().value()).isEqualTo(200);
		assertThat(json.readTree(get("/api/orders", token).getBody()).at("/page/totalElements").asInt()).isEqualTo(1);
		assertThat(post("/api/orders/" + id + "/cancel", token).getStatusCode().value()).isEqualTo(200);
		assertThat(this.orders.find(UUID.fromString(id)).orElseThrow().getPlacedBy())
			.isEqualTo(identity.token().customer(this.ada).subject());
	}

	@Test
	void anotherCustomersOrderIsNotFoundAndStaysAsItWas() {
		String id = json.readTree(placeOrder(identity.customer(this.ada), null).getBody()).get("id").asString();
		String graces = identity.customer(this.grace);

		ResponseEntity<String> read = get("/api/orders/" + id, graces);
		ResponseEntity<String> cancel = post("/api/orders/" + id + "/cancel", graces);
		ResponseEntity<String> missing = get("/api/orders/" + UUID.randomUUID(), graces);

		assertThat(read.getStatusCode().value()).isEqualTo(404);
		assertThat(cancel.getStatusCode().value()).isEqualTo(404);
		assertThat(json.readTree(read.getBody()).get("type")).isEqualTo(json.readTree(missing.getBody()).get("type"));
		assertThat(this.orders.find(UUID.fromString(id)).orElseThrow().getStatus()).isNotEqualTo(OrderStatus.CANCELLED);
		assertThat(json.readTree(get("/api/orders", graces).getBody()).at("/page/totalElements").asInt()).isZero();
	}

	@Test
	void aCustomerMayNotOrderForOrListAnotherCustomer() {
		String graces = identity.customer(this.grace);

		assertForbidden(placeOrder(graces, this.ada));
		assertForbidden(get("/api/orders?customerEmail=" + this.ada, graces));

		assertThat(this.orders.findByCustomer(this.ada, Pageable.unpaged()).getTotalElements()).isZero();
	}

	@Test
	void theAdminPlacesReadsListsAndCancelsAnybodysOrders() {
		String admin = identity.admin();
		String id = json.readTree(placeOrder(admin, this.ada).getBody()).get("id").asString();

		assertThat(get("/api/orders/" + id, admin).getStatusCode().value()).isEqualTo(200);
		assertThat(json.readTree(get("/api/orders?customerEmail=" + this.ada, admin).getBody())
			.at("/page/totalElements")
			.asInt()).isEqualTo(1);
		assertThat(get("/api/orders", admin).getStatusCode().value()).isEqualTo(200);
		// the customer sees the order the admin placed for them
		assertThat(get("/api/orders/" + id, identity.customer(this.ada)).getStatusCode().value()).isEqualTo(200);
		assertThat(post("/api/orders/" + id + "/cancel", admin).getStatusCode().value()).isEqualTo(200);
	}

	@Test
	void aTokenWithoutARoleOfTheShopIsForbidden() {
		String roleless = identity.token().customer(this.ada).claim("roles", List.of()).encode();

		assertForbidden(get("/api/orders", roleless));
		assertForbidden(placeOrder(roleless, null));
	}

	@Test
	void aCustomerWithoutAVerifiedEmailIsForbidden() {
		String unverified = identity.token().customer(this.ada).claim("email_verified", false).encode();

		assertForbidden(placeOrder(unverified, null));
		assertForbidden(get("/api/orders", unverified));
	}

	@Test
	void withoutATokenEveryOrderCallIs401() {
		assertUnauthorized(placeOrder(null, this.ada));
		assertUnauthorized(get("/api/orders?customerEmail=" + this.ada, null));
		assertUnauthorized(get("/api/orders/" + UUID.randomUUID(), null));
		assertUnauthorized(post("/api/orders/" + UUID.randomUUID() + "/cancel", null));
	}

	@ParameterizedTest(name = "a token {0} is refused")
	@MethodSource("refusedTokens")
	void aRefusedTokenIs401AndPlacesNothing(String problem, String token) {
		assertUnauthorized(placeOrder(token, this.ada));

		assertThat(this.orders.findByCustomer(this.ada, Pageable.unpaged()).getTotalElements()).isZero();
	}

	static Stream<Arguments> refusedTokens() {
		return RefusedTokens.argumentsForAudience("order-service");
	}

	@Test
	void aTokenInTheQueryStringIs401() {
		assertUnauthorized(get("/api/orders?access_token=" + identity.admin(), null));
	}

	@Test
	void theDeadLettersNeedTheAdmin() {
		assertUnauthorized(get("/actuator/deadletters", null));
		assertForbidden(get("/actuator/deadletters", identity.customer(this.ada)));
		assertForbidden(post("/actuator/deadletters", identity.customer(this.ada)));
		assertThat(get("/actuator/deadletters", identity.admin()).getStatusCode().value()).isEqualTo(200);
	}

	@Test
	void probesNeedNoToken() {
		assertThat(get("/actuator/health", null).getStatusCode().value()).isEqualTo(200);
		assertUnauthorized(get("/actuator/metrics", null));
	}

	private ResponseEntity<String> placeOrder(String token, String customerEmail) {
		String customer = (customerEmail != null) ? "\"customerEmail\": \"%s\", ".formatted(customerEmail) : "";
		return this.http.post("/api/orders",
				"{" + customer + "\"lines\": [{\"sku\": \"" + this.sku + "\", \"quantity\": 1}]}", token);
	}

	private ResponseEntity<String> get(String uri, String token) {
		return this.http.get(uri, token);
	}

	private ResponseEntity<String> post(String uri, String token) {
		return this.http.post(uri, null, token);
	}

	private static void assertUnauthorized(ResponseEntity<String> response) {
		assertThat(response.getStatusCode().value()).isEqualTo(401);
		assertThat(response.getHeaders().getContentType()).hasToString("application/problem+json");
		assertThat(response.getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE)).startsWith("Bearer");
	}

	private static void assertForbidden(ResponseEntity<String> response) {
		assertThat(response.getStatusCode().value()).isEqualTo(403);
		assertThat(response.getHeaders().getContentType()).hasToString("application/problem+json");
		assertThat(json.readTree(response.getBody()).get("type").asString())
			.isEqualTo("urn:microshop:problem:forbidden");
	}

}
