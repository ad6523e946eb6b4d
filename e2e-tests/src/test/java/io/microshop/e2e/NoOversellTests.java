package io.microshop.e2e;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Many customers racing for the last units, through the whole saga (gateway,
 * order-service, Kafka, inventory-service and back): the shop never sells more than it
 * holds, and every order is decided.
 */
@ExtendWith(RunningSystemExtension.class)
class NoOversellTests {

	// two slow cores decide hundreds of orders here: generous, yet bounded
	private static final Duration DECISION_TIMEOUT = Duration.ofSeconds(90);

	private static final int CLIENTS = 32;

	// what order-service's Retry-After asks for when it cannot fetch prices in time
	private static final Duration PRICES_RETRY_AFTER = Duration.ofSeconds(5);

	private static final Duration ACCEPTANCE_TIMEOUT = Duration.ofSeconds(60);

	private static Gateway gateway;

	private static Shop shop;

	@BeforeAll
	static void connect(Gateway systemGateway) {
		gateway = systemGateway;
		shop = new Shop(systemGateway);
	}

	@Test
	void twoHundredConcurrentOrdersForFiftyUnitsConfirmExactlyFifty() throws Exception {
		String sku = shop.createProduct(50);
		String email = Shop.uniqueEmail();

		placeConcurrently(200, (i) -> Shop.orderBody(email, Shop.line(sku, 1)));

		Map<String, JsonNode> orders = shop.awaitAllDecided(email, 200, DECISION_TIMEOUT);
		assertThat(Shop.withStatus(orders, "CONFIRMED")).hasSize(50);
		List<JsonNode> rejected = Shop.withStatus(orders, "REJECTED");
		assertThat(rejected).hasSize(150)
			.allSatisfy((order) -> assertThat(order.get("rejectionReason").asString()).isEqualTo("INSUFFICIENT_STOCK"));
		shop.assertStock(sku, 0, 50);
	}

	@Test
	void concurrentOrdersWithCrossingLinesTakeBothProductsOrNeitherAndNeverDeadlock() throws Exception {
		String prefix = "E2E-" + UUID.randomUUID().toString().substring(0, 8);
		String a = shop.createProduct(prefix + "-A", 30);
		String b = shop.createProduct(prefix + "-B", 30);
		String email = Shop.uniqueEmail();

		// half list A before B, half B before A: the body's order must not matter
		placeConcurrently(60, (i) -> Shop.orderBody(email,
				(i % 2 == 0) ? Shop.line(a, 1) + ", " + Shop.line(b, 1) : Shop.line(b, 1) + ", " + Shop.line(a, 1)));

		Map<String, JsonNode> orders = shop.awaitAllDecided(email, 60, DECISION_TIMEOUT);
		List<JsonNode> confirmed = Shop.withStatus(orders, "CONFIRMED");
		// each confirmed order holds one of each, and a rejected one gave back whatever
		// it had taken
		shop.assertStock(a, 30 - confirmed.size(), confirmed.size());
		shop.assertStock(b, 30 - confirmed.size(), confirmed.size());
		assertThat(confirmed).hasSize(30);
		assertThat(Shop.withStatus(orders, "REJECTED")).hasSize(30)
			.allSatisfy((order) -> assertThat(order.get("rejectionReason").asString()).isEqualTo("INSUFFICIENT_STOCK"));
	}

	/**
	 * Sends the orders from a fixed pool of clients released together by a start gate, so
	 * that they truly race, and requires every one to be accepted.
	 */
	private static void placeConcurrently(int count, IntFunction<String> body) throws Exception {
		ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
		AtomicInteger retried = new AtomicInteger();
		try {
			CountDownLatch gate = new CountDownLatch(1);
			List<Future<Gateway.Response>> responses = IntStream.range(0, count).mapToObj((i) -> clients.submit(() -> {
				gate.await();
				return placeOrder(body.apply(i), retried);
			})).toList();
			gate.countDown();
			for (Future<Gateway.Response> response : responses) {
				Gateway.Response placed = response.get(2, TimeUnit.MINUTES);
				assertThat(placed.status()).as("status of POST /api/orders: %s", placed.body()).isEqualTo(201);
				assertThat(placed.body().get("status").asString()).isEqualTo("PENDING");
			}
		}
		finally {
			clients.shutdownNow();
			if (retried.get() > 0) {
				System.out.printf("%d of %d orders were retried after 503 prices-unavailable%n", retried.get(), count);
			}
		}
	}

	/**
	 * Places an order as a client that follows the contract would: a 503
	 * {@code prices-unavailable} (order-service could not price the lines in time, which
	 * a burst on two slow cores can cause) created nothing and asks to retry after
	 * {@code Retry-After}, so it does. Any other answer is final.
	 */
	private static Gateway.Response placeOrder(String body, AtomicInteger retried) {
		return await().atMost(ACCEPTANCE_TIMEOUT)
			.pollInSameThread()
			.pollDelay(Duration.ZERO)
			.pollInterval(PRICES_RETRY_AFTER)
			.until(() -> gateway.post("/api/orders", body), (response) -> {
				boolean pricesUnavailable = response.status() == 503
						&& response.body().path("type").asString("").endsWith(":prices-unavailable");
				if (pricesUnavailable) {
					retried.incrementAndGet();
				}
				return !pricesUnavailable;
			});
	}

}
