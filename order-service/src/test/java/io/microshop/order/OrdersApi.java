package io.microshop.order;

import java.time.Duration;
import java.util.UUID;

import tools.jackson.databind.JsonNode;

import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.awaitility.Awaitility.await;

/**
 * The service's order API over real HTTP, as a client uses it: places one-line orders of
 * a fresh product of the inventory stand-in and reads them back.
 */
final class OrdersApi {

	private static final Duration PATIENCE = Duration.ofSeconds(20);

	private final RestTestClient http;

	private final InventoryStub inventory;

	OrdersApi(RestTestClient http, InventoryStub inventory) {
		this.http = http;
		this.inventory = inventory;
	}

	/**
	 * Places an order, which must be created.
	 * @return the order's id
	 */
	UUID placeOrder() {
		String sku = "SKU-" + UUID.randomUUID();
		this.inventory.product(sku, "10.00");
		JsonNode order = this.http.post()
			.uri("/api/orders")
			.contentType(MediaType.APPLICATION_JSON)
			.body("""
					{"customerEmail": "customer-%s@example.com", "lines": [{"sku": "%s", "quantity": 1}]}"""
				.formatted(UUID.randomUUID(), sku))
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody();
		return UUID.fromString(order.get("id").asString());
	}

	JsonNode get(UUID orderId) {
		return this.http.get()
			.uri("/api/orders/{id}", orderId)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody();
	}

	JsonNode awaitStatus(UUID orderId, String status) {
		await().atMost(PATIENCE).until(() -> status.equals(get(orderId).get("status").asString()));
		return get(orderId);
	}

}
