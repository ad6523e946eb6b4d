package io.microshop.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import io.microshop.localstack.IdentityProvider;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The public API through the gateway, for what the suite prepares and checks around the
 * load: a product to order, and the orders' outcome.
 */
final class Shop {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final String gateway;

	private final String tokenUri;

	private volatile String token;

	private volatile Instant tokenFetched = Instant.EPOCH;

	/**
	 * The shop of a stack, as its demo admin (LOCAL DEMO ONLY): the benchmarks create
	 * products and place orders for customers of their own.
	 * @param gateway the gateway's URL
	 * @param tokenUri the identity provider's token endpoint, or {@code null} for a stack
	 * without one (a version before API v2, measured with this suite for comparison):
	 * requests then carry no token
	 */
	Shop(String gateway, String tokenUri) {
		this.gateway = gateway;
		this.tokenUri = tokenUri;
	}

	/**
	 * The Authorization header of the demo admin, with a token fetched again well before
	 * its 5 minutes are up (each benchmark run is shorter than the rest).
	 * @return the header's value, or {@code null} on a stack without identity
	 */
	synchronized String authorization() {
		if (this.tokenUri == null) {
			return null;
		}
		if (this.token == null || Instant.now().isAfter(this.tokenFetched.plus(Duration.ofMinutes(2)))) {
			this.token = IdentityProvider.demoToken(this.tokenUri, IdentityProvider.DEMO_ADMIN);
			this.tokenFetched = Instant.now();
		}
		return "Bearer " + this.token;
	}

	String gateway() {
		return this.gateway;
	}

	/**
	 * Adds a product with a stock no benchmark runs out of.
	 * @param prefix the start of its sku
	 * @return its sku
	 */
	String createProduct(String prefix) {
		String sku = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
		JsonNode created = send(authorized(HttpRequest.newBuilder(URI.create(this.gateway + "/api/products")))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("""
					{"sku":"%s","name":"Benchmark product","price":9.50,"quantity":1000000000}""".formatted(sku)))
			.build(), 201);
		return created.get("sku").asString();
	}

	/**
	 * The body of an order for one unit of a product, by a customer of its own so that
	 * the customer's order list stays short.
	 * @param sku the product
	 * @return the JSON body of {@code POST /api/orders}
	 */
	static String orderBody(String sku) {
		return """
				{"customerEmail":"bench-%s@example.com","lines":[{"sku":"%s","quantity":1}]}"""
			.formatted(sku.toLowerCase(java.util.Locale.ROOT), sku);
	}

	/**
	 * An order as it is now.
	 * @param id the order's id
	 * @return its status and when it last changed
	 */
	Order order(String id) {
		JsonNode order = send(
				authorized(HttpRequest.newBuilder(URI.create(this.gateway + "/api/orders/" + id))).GET().build(), 200);
		return new Order(id, order.get("status").asString(), Instant.parse(order.get("updatedAt").asString()));
	}

	private HttpRequest.Builder authorized(HttpRequest.Builder request) {
		String authorization = authorization();
		return (authorization != null) ? request.header("Authorization", authorization) : request;
	}

	private JsonNode send(HttpRequest request, int expectedStatus) {
		try {
			HttpResponse<String> response = this.client.send(request, HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() != expectedStatus) {
				throw new IllegalStateException("%s %s answered %d: %s".formatted(request.method(), request.uri(),
						response.statusCode(), response.body()));
			}
			return json.readTree(response.body());
		}
		catch (IOException ex) {
			throw new IllegalStateException(request.method() + " " + request.uri() + " failed: " + ex.getMessage(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * An order's outcome.
	 *
	 * @param id its id
	 * @param status its status
	 * @param updatedAt when it last changed: for a confirmed order, when it was confirmed
	 */
	record Order(String id, String status, Instant updatedAt) {

	}

}
