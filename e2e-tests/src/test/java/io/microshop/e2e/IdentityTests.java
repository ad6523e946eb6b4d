package io.microshop.e2e;

import java.time.Duration;
import java.util.Base64;
import java.util.UUID;

import io.microshop.localstack.IdentityProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every rule of API.md's identity section on the running system, with Keycloak issuing
 * the tokens of the demo users (LOCAL DEMO ONLY): through the gateway, and again on each
 * service's own port. Ada and Grace are customers, the admin runs the shop.
 */
@ExtendWith(RunningSystemExtension.class)
class IdentityTests {

	private static final Duration SAGA_TIMEOUT = Duration.ofSeconds(30);

	private static final String ADA = "ada@example.com";

	private static final String GRACE = "grace@example.com";

	private static RunningSystem system;

	private static Gateway admin;

	private static Gateway ada;

	private static Gateway grace;

	private static Gateway anonymous;

	private static String sku;

	@BeforeAll
	static void connect(RunningSystem runningSystem) {
		system = runningSystem;
		admin = system.gateway();
		ada = system.gatewayAs(ADA);
		grace = system.gatewayAs(GRACE);
		anonymous = system.anonymousGateway();
		sku = "ID-" + UUID.randomUUID().toString().substring(0, 8);
		assertThat(admin.post("/api/products", """
				{"sku": "%s", "name": "Identity lamp", "price": 4.00, "quantity": 100}""".formatted(sku)).status())
			.isEqualTo(201);
	}

	@Test
	void theProviderIssuesTokensWithThePinnedIssuerWhateverAddressTheyAreFetchedFrom() {
		// Keycloak listens on a free port here, not on 8180
		String token = system.token(ADA);
		JsonNode claims = JsonMapper.shared().readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));

		assertThat(claims.get("iss").asString()).isEqualTo(IdentityProvider.ISSUER);
		assertThat(claims.get("email").asString()).isEqualTo(ADA);
		assertThat(claims.get("roles").toString()).contains("customer");
		assertThat(claims.get("aud").toString()).contains("gateway-service", "order-service", "inventory-service",
				"notification-service");
	}

	@Test
	void withoutATokenOnlyTheCatalogueAndHealthAreOpen() {
		assertThat(anonymous.get("/api/products?size=1").status()).isEqualTo(200);
		assertThat(anonymous.get("/api/products/" + sku).status()).isEqualTo(200);
		assertThat(anonymous.get("/actuator/health").status()).isEqualTo(200);

		for (Gateway.Response refused : new Gateway.Response[] { anonymous.get("/api/orders"),
				anonymous.post("/api/orders", order(null)),
				anonymous.get("/api/notifications?orderId=" + UUID.randomUUID()),
				anonymous.post("/api/products", "{}") }) {
			assertThat(refused.status()).isEqualTo(401);
			assertThat(refused.challenge()).isEqualTo("Bearer");
			assertThat(refused.contentType()).startsWith("application/problem+json");
		}
	}

	@Test
	void aMalformedTokenOrOneInTheQueryStringIs401() {
		Gateway.Response garbage = anonymous.withToken("not-a-jwt").get("/api/orders");
		assertThat(garbage.status()).isEqualTo(401);
		assertThat(garbage.challenge()).startsWith("Bearer error=\"invalid_token\"");

		assertThat(anonymous.get("/api/orders?access_token=" + system.token(ADA)).status()).isEqualTo(401);
	}

	@Test
	void eachCustomerSeesAndCancelsOnlyTheirOwnOrders() {
		Gateway.Response placed = ada.post("/api/orders", order(null));
		assertThat(placed.status()).isEqualTo(201);
		assertThat(placed.body().get("customerEmail").asString()).isEqualTo(ADA);
		String id = placed.body().get("id").asString();
		awaitStatus(ada, id, "CONFIRMED");

		// Grace: another customer's order does not exist for her, and stays as it was
		Gateway.Response read = grace.get("/api/orders/" + id);
		Gateway.Response missing = grace.get("/api/orders/" + UUID.randomUUID());
		assertThat(read.status()).isEqualTo(404);
		assertThat(read.body().get("type")).isEqualTo(missing.body().get("type"));
		assertThat(grace.post("/api/orders/" + id + "/cancel").status()).isEqualTo(404);
		assertThat(grace.get("/api/orders?customerEmail=" + ADA).status()).isEqualTo(403);
		assertThat(grace.post("/api/orders", order(ADA)).status()).isEqualTo(403);
		assertThat(ada.get("/api/orders/" + id).body().get("status").asString()).isEqualTo("CONFIRMED");

		// notifications: Ada's are hers alone
		JsonNode adas = await().atMost(SAGA_TIMEOUT)
			.until(() -> ada.get("/api/notifications?orderId=" + id).body(),
					(page) -> page.at("/page/totalElements").asInt() == 1);
		assertThat(adas.at("/content/0/recipient").asString()).isEqualTo(ADA);
		assertThat(grace.get("/api/notifications?orderId=" + id).body().at("/page/totalElements").asInt()).isZero();
		assertThat(admin.get("/api/notifications?orderId=" + id).body().at("/page/totalElements").asInt()).isEqualTo(1);

		// her own listing holds it, and she may cancel it
		assertThat(ada.get("/api/orders").body().get("content").toString()).contains(id);
		assertThat(ada.post("/api/orders/" + id + "/cancel").body().get("status").asString()).isEqualTo("CANCELLED");
	}

	@Test
	void aCustomerMayNotChangeTheCatalogue() {
		assertThat(ada.post("/api/products", """
				{"sku": "NOPE-%s", "name": "Nope", "price": 1.00, "quantity": 1}""".formatted(UUID.randomUUID()))
			.status()).isEqualTo(403);
		assertThat(ada.post("/api/products/" + sku + "/restock", "{\"quantity\": 1000}").status()).isEqualTo(403);
		assertThat(anonymous.get("/api/products/" + sku).body().get("available").asInt()).isLessThanOrEqualTo(100);
	}

	@Test
	void theAdminRunsTheShop() {
		Gateway.Response placed = admin.post("/api/orders", order(GRACE));
		assertThat(placed.status()).isEqualTo(201);
		String id = placed.body().get("id").asString();

		assertThat(grace.get("/api/orders/" + id).status()).isEqualTo(200);
		assertThat(admin.get("/api/orders/" + id).status()).isEqualTo(200);
		assertThat(admin.get("/api/orders?customerEmail=" + GRACE).body().get("content").toString()).contains(id);
		assertThat(admin.get("/api/orders?size=100").status()).isEqualTo(200);
		assertThat(admin.post("/api/orders/" + id + "/cancel").body().get("status").asString()).isEqualTo("CANCELLED");
		assertThat(admin.post("/api/products/" + sku + "/restock", "{\"quantity\": 1}").status()).isEqualTo(200);
	}

	@Test
	void throughTheGatewayTheActuatorIsHealthOnly() {
		for (String path : new String[] { "/actuator/prometheus", "/actuator/info", "/actuator/deadletters",
				"/actuator/env" }) {
			assertThat(admin.get(path).status()).as(path).isEqualTo(404);
		}
	}

	@Test
	void theSameRulesHoldOnEachServicesOwnPort() {
		String id = ada.post("/api/orders", order(null)).body().get("id").asString();

		Gateway orderService = system.service("order-service", null);
		assertThat(orderService.get("/api/orders/" + id).status()).isEqualTo(401);
		assertThat(system.service("order-service", GRACE).get("/api/orders/" + id).status()).isEqualTo(404);
		assertThat(system.service("order-service", GRACE).post("/api/orders/" + id + "/cancel").status())
			.isEqualTo(404);
		assertThat(system.service("order-service", ADA).get("/api/orders/" + id).status()).isEqualTo(200);

		assertThat(system.service("inventory-service", ADA)
			.post("/api/products/" + sku + "/restock", "{\"quantity\": 1000}")
			.status()).isEqualTo(403);
		assertThat(system.service("inventory-service", null).get("/api/products/" + sku).status()).isEqualTo(200);
		assertThat(system.service("notification-service", null).get("/api/notifications?orderId=" + id).status())
			.isEqualTo(401);

		for (String service : new String[] { "order-service", "inventory-service", "notification-service" }) {
			assertThat(system.service(service, null).get("/actuator/deadletters").status()).as(service).isEqualTo(401);
			assertThat(system.service(service, ADA).get("/actuator/deadletters").status()).as(service).isEqualTo(403);
			assertThat(system.service(service, IdentityProvider.DEMO_ADMIN).get("/actuator/deadletters").status())
				.as(service)
				.isEqualTo(200);
			assertThat(system.service(service, null).status("/actuator/prometheus", "text/plain")).as(service)
				.isEqualTo(200);
		}
	}

	private static String order(String customerEmail) {
		String customer = (customerEmail != null) ? "\"customerEmail\": \"%s\", ".formatted(customerEmail) : "";
		return "{" + customer + "\"lines\": [{\"sku\": \"" + sku + "\", \"quantity\": 1}]}";
	}

	private static void awaitStatus(Gateway client, String id, String status) {
		await().atMost(SAGA_TIMEOUT)
			.until(() -> client.get("/api/orders/" + id).body().get("status").asString(), status::equals);
	}

}
