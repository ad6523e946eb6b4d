package io.microshop.e2e;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import io.microshop.testsupport.SpanReceiver;
import io.microshop.testsupport.SpanReceiver.ReceivedSpan;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/**
 * The order journey through the gateway, on the running system: every call here is one a
 * user could make with curl.
 */
@ExtendWith(RunningSystemExtension.class)
class OrderJourneyTests {

	private static final Duration SAGA_TIMEOUT = Duration.ofSeconds(30);

	private static RunningSystem system;

	private static Gateway gateway;

	@BeforeAll
	static void connect(RunningSystem runningSystem, Gateway systemGateway) {
		system = runningSystem;
		gateway = systemGateway;
	}

	@Test
	void anOrderForStockOnHandIsConfirmedReservesTheStockAndEmailsTheCustomer() {
		String sku = createProduct("19.99", 10);
		String email = uniqueEmail();

		Gateway.Response placed = placeOrder(email, sku, 3);

		assertThat(placed.status()).isEqualTo(201);
		assertThat(placed.body().get("status").asString()).isEqualTo("PENDING");
		assertThat(placed.body().get("total").decimalValue()).isEqualByComparingTo("59.97");
		String orderId = placed.body().get("id").asString();
		assertThat(placed.location()).endsWith("/api/orders/" + orderId);
		awaitStatus(orderId, "CONFIRMED");
		assertStock(sku, 7, 3);
		JsonNode notification = awaitNotification(orderId, "ORDER_CONFIRMED");
		assertThat(notification.get("recipient").asString()).isEqualTo(email);
		assertThat(notification.get("channel").asString()).isEqualTo("EMAIL");
		await().atMost(SAGA_TIMEOUT).untilAsserted(() -> assertThat(mailTo(email)).isNotEmpty());
		assertThat(gateway.get("/api/orders?customerEmail=" + email).body().at("/page/totalElements").asLong())
			.isEqualTo(1);
	}

	// One order is one trace, through the gateway, the services, both outboxes and every
	// Kafka hop, down to the email; the trace a client starts is the one it gets back
	@Test
	void anOrderIsOneTraceThroughEveryHop() {
		String sku = createProduct("4.00", 10);
		String email = uniqueEmail();
		String traceId = UUID.randomUUID().toString().replace("-", "");
		String traceparent = "00-" + traceId + "-" + traceId.substring(0, 16) + "-01";

		Gateway.Response placed = gateway.postInTrace("/api/orders", """
				{"customerEmail": "%s", "lines": [{"sku": "%s", "quantity": 1}]}""".formatted(email, sku), traceparent);

		assertThat(placed.status()).isEqualTo(201);
		assertThat(placed.traceId()).isEqualTo(traceId);
		awaitStatus(placed.body().get("id").asString(), "CONFIRMED");
		await().atMost(SAGA_TIMEOUT).untilAsserted(() -> {
			List<ReceivedSpan> trace = SpanReceiver.shared().trace(traceId);
			assertThat(SpanReceiver.services(trace)).as("services in %s", trace)
				.contains("gateway-service", "order-service", "inventory-service", "notification-service");
			// the price lookup, over HTTP
			assertThat(trace).as("inventory-service's server spans")
				.anyMatch((span) -> span.service().equals("inventory-service") && "SERVER".equals(span.kind()));
			// one producer span for each event, sent by the outbox relays: OrderPlaced
			// and
			// OrderConfirmed from order-service's outbox, StockReserved from
			// inventory-service's
			assertThat(spans(trace, "order-service", "order-events send")).hasSize(2);
			assertThat(spans(trace, "inventory-service", "order-events send")).hasSize(1);
			// each hop read by the consumer that acts on it, and no span of the events a
			// consumer skips: inventory-service reserves for the OrderPlaced,
			// order-service confirms on the StockReserved, notification-service mails
			// the OrderConfirmed
			assertThat(trace).filteredOn((span) -> "CONSUMER".equals(span.kind()))
				.extracting(ReceivedSpan::service, (span) -> span.tags().get("microshop.event.type"))
				.containsExactlyInAnyOrder(tuple("inventory-service", "OrderPlaced"),
						tuple("order-service", "StockReserved"), tuple("notification-service", "OrderConfirmed"));
			assertThat(spans(trace, "notification-service", "email")).hasSize(1);
		});
		// and each service's log lines about the order carry the trace id, in the
		// pattern's [traceId-spanId]
		String orderId = placed.body().get("id").asString();
		await().atMost(SAGA_TIMEOUT).untilAsserted(() -> {
			assertThat(linesAbout(system.logOf("order-service"), orderId)).hasSize(2)
				.allMatch((line) -> line.contains("[" + traceId + "-"));
			assertThat(linesAbout(system.logOf("inventory-service"), orderId)).singleElement()
				.matches((line) -> line.contains("[" + traceId + "-"));
			assertThat(linesAbout(system.logOf("notification-service"), orderId)).singleElement()
				.matches((line) -> line.contains("[" + traceId + "-"));
		});
	}

	private static List<String> linesAbout(List<String> log, String orderId) {
		return log.stream().filter((line) -> line.contains(orderId)).toList();
	}

	@Test
	void anOrderLargerThanTheStockIsRejectedAndTakesNothing() {
		String sku = createProduct("5.00", 2);

		String orderId = placeOrder(uniqueEmail(), sku, 5).body().get("id").asString();

		JsonNode rejected = awaitStatus(orderId, "REJECTED");
		assertThat(rejected.get("rejectionReason").asString()).isEqualTo("INSUFFICIENT_STOCK");
		assertStock(sku, 2, 0);
		awaitNotification(orderId, "ORDER_REJECTED");
	}

	@Test
	void cancellingAConfirmedOrderGivesTheStockBack() {
		String sku = createProduct("7.50", 10);
		String orderId = placeOrder(uniqueEmail(), sku, 4).body().get("id").asString();
		awaitStatus(orderId, "CONFIRMED");

		Gateway.Response cancelled = gateway.post("/api/orders/" + orderId + "/cancel");

		assertThat(cancelled.status()).isEqualTo(200);
		assertThat(cancelled.body().get("status").asString()).isEqualTo("CANCELLED");
		await().atMost(SAGA_TIMEOUT).untilAsserted(() -> assertStock(sku, 10, 0));
		awaitNotification(orderId, "ORDER_CANCELLED");
	}

	@Test
	void anOrderForAnUnknownSkuIsUnprocessable() {
		Gateway.Response response = placeOrder(uniqueEmail(), "NO-SUCH-" + UUID.randomUUID(), 1);

		assertThat(response.status()).isEqualTo(422);
		assertThat(response.contentType()).startsWith("application/problem+json");
		assertThat(response.body().get("detail").asString()).contains("NO-SUCH-");
	}

	@Test
	void anInvalidOrderIsABadRequestAndCreatesNothing() {
		String email = uniqueEmail();

		Gateway.Response response = gateway.post("/api/orders", """
				{"customerEmail": "%s", "lines": [{"sku": "A-1", "quantity": 0}]}""".formatted(email));

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.contentType()).startsWith("application/problem+json");
		assertThat(response.body().get("errors").isArray()).isTrue();
		assertThat(response.body().get("errors").toString()).contains("quantity");
		assertThat(gateway.get("/api/orders?customerEmail=" + email).body().at("/page/totalElements").asLong())
			.isZero();
	}

	@Test
	void aBodyWithAnUnknownFieldAFieldTwiceOrMalformedTextIsABadRequestAndPlacesNothing() {
		String sku = createProduct("3.00", 10);
		String email = uniqueEmail();
		String other = uniqueEmail();
		String line = "[{\"sku\": \"" + sku + "\", \"quantity\": 1}]";
		String[][] bodies = {
				{ "{\"customerEmail\": \"" + email + "\", \"lines\": " + line + ", \"status\": \"CONFIRMED\"}",
						"status" },
				{ "{\"customerEmail\": \"" + other + "\", \"customerEmail\": \"" + email + "\", \"lines\": " + line
						+ "}", "customerEmail" },
				{ "{\"customerEmail\": \"\\ud800" + email + "\", \"lines\": " + line + "}", "customerEmail" } };
		for (String[] body : bodies) {
			Gateway.Response response = gateway.post("/api/orders", body[0]);
			assertThat(response.status()).as(body[0]).isEqualTo(400);
			assertThat(response.contentType()).startsWith("application/problem+json");
			assertThat(response.body().at("/errors/0/field").asString()).as(body[0]).isEqualTo(body[1]);
		}
		for (String customer : new String[] { email, other }) {
			assertThat(gateway.get("/api/orders?customerEmail=" + customer).body().at("/page/totalElements").asLong())
				.as("orders of %s", customer)
				.isZero();
		}
		assertStock(sku, 10, 0);
	}

	@Test
	void aProductNameWithANulIsABadRequestNotAConflict() {
		String sku = "E2E-" + UUID.randomUUID().toString().substring(0, 8);
		Gateway.Response response = gateway.post("/api/products", """
				{"sku": "%s", "name": "a\\u0000b", "price": 1.00, "quantity": 1}""".formatted(sku));

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.body().at("/errors/0/field").asString()).isEqualTo("name");
		assertThat(gateway.get("/api/products/" + sku).status()).isEqualTo(404);
	}

	@Test
	void anInvalidProductIsABadRequestWithItsFieldErrors() {
		Gateway.Response response = gateway.post("/api/products", """
				{"sku": "bad sku!", "name": "", "price": 0, "quantity": -1}""");

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.body().get("errors").toString()).contains("sku", "name", "price", "quantity");
	}

	@Test
	void theGatewayReportsItsHealthAndAnswersUnknownPathsWithAProblem() {
		assertThat(gateway.get("/actuator/health").body().get("status").asString()).isEqualTo("UP");
		Gateway.Response unknown = gateway.get("/api/nothing-here");
		assertThat(unknown.status()).isEqualTo(404);
		assertThat(unknown.contentType()).startsWith("application/problem+json");
	}

	private static List<ReceivedSpan> spans(List<ReceivedSpan> trace, String service, String name) {
		return trace.stream().filter((span) -> span.service().equals(service) && span.name().equals(name)).toList();
	}

	private static String createProduct(String price, int quantity) {
		String sku = "E2E-" + UUID.randomUUID().toString().substring(0, 8);
		Gateway.Response created = gateway.post("/api/products", """
				{"sku": "%s", "name": "Product %s", "price": %s, "quantity": %d}""".formatted(sku, sku, price,
				quantity));
		assertThat(created.status()).isEqualTo(201);
		assertThat(created.location()).endsWith("/api/products/" + sku);
		return sku;
	}

	private static Gateway.Response placeOrder(String email, String sku, int quantity) {
		return gateway.post("/api/orders", """
				{"customerEmail": "%s", "lines": [{"sku": "%s", "quantity": %d}]}""".formatted(email, sku, quantity));
	}

	private static JsonNode awaitStatus(String orderId, String status) {
		return await().atMost(SAGA_TIMEOUT)
			.until(() -> gateway.get("/api/orders/" + orderId).body(),
					(order) -> status.equals(order.path("status").asString()));
	}

	private static void assertStock(String sku, int available, int reserved) {
		JsonNode product = gateway.get("/api/products/" + sku).body();
		assertThat(product.get("available").asInt()).as("available").isEqualTo(available);
		assertThat(product.get("reserved").asInt()).as("reserved").isEqualTo(reserved);
	}

	private static JsonNode awaitNotification(String orderId, String type) {
		JsonNode page = await().atMost(SAGA_TIMEOUT)
			.until(() -> gateway.get("/api/notifications?orderId=" + orderId).body(),
					(notifications) -> notifications.path("content")
						.valueStream()
						.anyMatch((notification) -> type.equals(notification.path("type").asString())));
		return page.path("content")
			.valueStream()
			.filter((notification) -> type.equals(notification.path("type").asString()))
			.findFirst()
			.orElseThrow();
	}

	private static MimeMessage[] mailTo(String email) {
		return Arrays.stream(system.mailbox().getReceivedMessages()).filter((message) -> {
			try {
				return Arrays.stream(message.getAllRecipients()).anyMatch((to) -> to.toString().equals(email));
			}
			catch (jakarta.mail.MessagingException ex) {
				return false;
			}
		}).toArray(MimeMessage[]::new);
	}

	private static String uniqueEmail() {
		return "e2e-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
	}

}
