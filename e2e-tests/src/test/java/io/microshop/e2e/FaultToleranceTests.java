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
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The saga under faults, on the running system: the broker stops while customers order, a
 * service is killed in the middle of a burst of orders, and customers cancel while their
 * stock is being reserved. No order is lost, none is decided twice, and no stock leaks.
 */
@ExtendWith(RunningSystemExtension.class)
class FaultToleranceTests {

	// a broker or a service coming back, then the backlog, on two slow cores
	private static final Duration RECOVERY_TIMEOUT = Duration.ofMinutes(3);

	private static RunningSystem system;

	private static Gateway gateway;

	private static Shop shop;

	@BeforeAll
	static void connect(RunningSystem runningSystem, Gateway systemGateway) {
		system = runningSystem;
		gateway = systemGateway;
		shop = new Shop(systemGateway);
	}

	@Test
	void ordersPlacedWhileTheBrokerIsDownAreAcceptedAtOnceAndAllDecidedWhenItIsBack() {
		String sku = shop.createProduct(100);
		String email = Shop.uniqueEmail();
		system.stopBroker();
		try {
			for (int i = 0; i < 10; i++) {
				long started = System.nanoTime();
				Gateway.Response placed = gateway.post("/api/orders", Shop.orderBody(email, Shop.line(sku, 2)));
				Duration took = Duration.ofNanos(System.nanoTime() - started);

				assertThat(placed.status()).as("POST /api/orders: %s", placed.body()).isEqualTo(201);
				// stored with its OrderPlaced in the outbox; nothing waits for the broker
				assertThat(took).as("time to accept an order with the broker down").isLessThan(Duration.ofSeconds(4));
			}
			// nothing can decide them without the broker
			assertThat(shop.ordersOf(email).values())
				.allSatisfy((order) -> assertThat(order.get("status").asString()).isEqualTo("PENDING"));
		}
		finally {
			system.startBroker();
		}

		Map<String, JsonNode> orders = shop.awaitAllDecided(email, 10, RECOVERY_TIMEOUT);
		assertThat(Shop.withStatus(orders, "CONFIRMED")).hasSize(10);
		shop.assertStock(sku, 80, 20);
		// and each customer heard of it, once
		orders.keySet().forEach((orderId) -> await().atMost(RECOVERY_TIMEOUT).untilAsserted(() -> {
			JsonNode notifications = gateway.get("/api/notifications?orderId=" + orderId).body().get("content");
			assertThat(notifications).singleElement()
				.satisfies(
						(notification) -> assertThat(notification.get("type").asString()).isEqualTo("ORDER_CONFIRMED"));
		}));
	}

	@Test
	void killingInventoryServiceInTheMiddleOfABurstOfOrdersLosesAndDoublesNothing() throws Exception {
		String sku = shop.createProduct(1000);
		String email = Shop.uniqueEmail();
		int count = 40;
		CountDownLatch someAccepted = new CountDownLatch(10);
		ExecutorService clients = Executors.newFixedThreadPool(4);
		try {
			List<Future<Gateway.Response>> placing = IntStream.range(0, count).mapToObj((i) -> clients.submit(() -> {
				Gateway.Response placed = placeRetrying(Shop.orderBody(email, Shop.line(sku, 3)),
						UUID.randomUUID().toString());
				someAccepted.countDown();
				return placed;
			})).toList();
			assertThat(someAccepted.await(2, TimeUnit.MINUTES)).isTrue();

			// while the first orders are being reserved and the next ones priced
			system.kill("inventory-service");
			system.restart("inventory-service");

			for (Future<Gateway.Response> placed : placing) {
				assertThat(placed.get(RECOVERY_TIMEOUT.toSeconds(), TimeUnit.SECONDS).status()).isEqualTo(201);
			}
		}
		finally {
			clients.shutdownNow();
		}

		// one order per request, each decided once, and exactly their stock taken
		Map<String, JsonNode> orders = shop.awaitAllDecided(email, count, RECOVERY_TIMEOUT);
		assertThat(Shop.withStatus(orders, "CONFIRMED")).hasSize(count);
		shop.assertStock(sku, 1000 - 3 * count, 3 * count);
	}

	@Test
	void customersCancellingWhileTheirStockIsReservedLeaveNoStockBehind() throws Exception {
		String sku = shop.createProduct(40);
		String email = Shop.uniqueEmail();
		ExecutorService clients = Executors.newFixedThreadPool(4);
		try {
			List<Future<Gateway.Response>> cancelling = IntStream.range(0, 20).mapToObj((i) -> clients.submit(() -> {
				Gateway.Response placed = gateway.post("/api/orders", Shop.orderBody(email, Shop.line(sku, 2)));
				assertThat(placed.status()).isEqualTo(201);
				// at once: the reservation may be made before, during or after the cancel
				return gateway.post("/api/orders/" + placed.body().get("id").asString() + "/cancel");
			})).toList();
			for (Future<Gateway.Response> cancelled : cancelling) {
				Gateway.Response response = cancelled.get(2, TimeUnit.MINUTES);
				assertThat(response.status()).as("cancel: %s", response.body()).isEqualTo(200);
				assertThat(response.body().get("status").asString()).isEqualTo("CANCELLED");
			}
		}
		finally {
			clients.shutdownNow();
		}

		// Had any of them kept its units, an order for all 40 could never be confirmed.
		// Once one is, the stock is exhausted, so no late reservation can take any later.
		String buyer = Shop.uniqueEmail();
		await().atMost(RECOVERY_TIMEOUT)
			.pollInterval(Duration.ofSeconds(1))
			.until(() -> placeAndAwaitDecision(buyer, sku, 40), "CONFIRMED"::equals);
		shop.assertStock(sku, 0, 40);
		assertThat(shop.ordersOf(email).values())
			.allSatisfy((order) -> assertThat(order.get("status").asString()).isEqualTo("CANCELLED"));
	}

	/**
	 * Places an order as a careful client does: with an {@code Idempotency-Key}, and
	 * again with the same key whenever the system cannot answer (a 5xx, or no answer at
	 * all), so that a retry never places a second order.
	 */
	private static Gateway.Response placeRetrying(String body, String idempotencyKey) {
		return await().atMost(RECOVERY_TIMEOUT)
			.pollInSameThread()
			.pollDelay(Duration.ZERO)
			.pollInterval(Duration.ofSeconds(1))
			.ignoreExceptionsInstanceOf(IllegalStateException.class)
			.until(() -> gateway.post("/api/orders", body, idempotencyKey), (response) -> response.status() < 500);
	}

	private static String placeAndAwaitDecision(String email, String sku, int quantity) {
		Gateway.Response placed = gateway.post("/api/orders", Shop.orderBody(email, Shop.line(sku, quantity)));
		assertThat(placed.status()).isEqualTo(201);
		String path = "/api/orders/" + placed.body().get("id").asString();
		return await().atMost(RECOVERY_TIMEOUT)
			.pollInterval(Duration.ofMillis(250))
			.until(() -> gateway.get(path).body().get("status").asString(), (status) -> !status.equals("PENDING"));
	}

}
