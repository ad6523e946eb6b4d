package io.microshop.e2e;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the end-to-end tests do as a shop's clients, through the gateway: create products,
 * place orders, and read orders and stock back.
 */
final class Shop {

	private final Gateway gateway;

	Shop(Gateway gateway) {
		this.gateway = gateway;
	}

	String createProduct(int quantity) {
		return createProduct("E2E-" + UUID.randomUUID().toString().substring(0, 8), quantity);
	}

	/**
	 * Creates a product as a well-behaved client does: a 503 (no instance could take the
	 * request: the gateway has not yet seen that an instance stopped, as after an earlier
	 * test stopped one) is sent again, the way API.md's Retry-After asks; the request
	 * reached no service, so it is created once.
	 */
	String createProduct(String sku, int quantity) {
		String body = """
				{"sku": "%s", "name": "Product %s", "price": 3.50, "quantity": %d}""".formatted(sku, sku, quantity);
		await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
			Gateway.Response created = this.gateway.post("/api/products", body);
			assertThat(created.status()).as("creating %s", sku).isEqualTo(201);
		});
		return sku;
	}

	/**
	 * Every order of the customer by id, read page by page (a page holds at most 100).
	 */
	Map<String, JsonNode> ordersOf(String email) {
		Map<String, JsonNode> orders = new HashMap<>();
		int pages = 1;
		for (int page = 0; page < pages; page++) {
			Gateway.Response response = this.gateway
				.get("/api/orders?customerEmail=%s&size=100&page=%d".formatted(email, page));
			assertThat(response.status()).isEqualTo(200);
			pages = response.body().at("/page/totalPages").asInt();
			response.body().get("content").forEach((order) -> orders.put(order.get("id").asString(), order));
		}
		return orders;
	}

	/**
	 * Waits until the customer has the given number of orders and none is PENDING.
	 */
	Map<String, JsonNode> awaitAllDecided(String email, int count, Duration timeout) {
		return await().atMost(timeout)
			.pollInterval(Duration.ofMillis(500))
			.until(() -> ordersOf(email), (orders) -> orders.size() == count
					&& orders.values().stream().noneMatch((order) -> "PENDING".equals(order.get("status").asString())));
	}

	JsonNode product(String sku) {
		Gateway.Response response = this.gateway.get("/api/products/" + sku);
		assertThat(response.status()).isEqualTo(200);
		return response.body();
	}

	void assertStock(String sku, int available, int reserved) {
		JsonNode product = product(sku);
		assertThat(product.get("available").asInt()).as("available of %s", sku).isEqualTo(available);
		assertThat(product.get("reserved").asInt()).as("reserved of %s", sku).isEqualTo(reserved);
	}

	static List<JsonNode> withStatus(Map<String, JsonNode> orders, String status) {
		return orders.values().stream().filter((order) -> status.equals(order.get("status").asString())).toList();
	}

	static String orderBody(String email, String lines) {
		return """
				{"customerEmail": "%s", "lines": [%s]}""".formatted(email, lines);
	}

	static String line(String sku, int quantity) {
		return """
				{"sku": "%s", "quantity": %d}""".formatted(sku, quantity);
	}

	static String uniqueEmail() {
		return "e2e-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
	}

}
