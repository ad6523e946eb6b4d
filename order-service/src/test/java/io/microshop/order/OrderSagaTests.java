package io.microshop.order;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.microshop.order.ordering.OrderManagement;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The order saga through the running service: orders placed over HTTP and priced by a
 * stand-in inventory-service, the stock answers written to and the order events read from
 * the real {@code order-events} topic. A race is staged by holding a confirmation's
 * transaction open through the service's use case.
 */
@OrderServiceIntegrationTest
class OrderSagaTests {

	private static final Duration PATIENCE = Duration.ofSeconds(20);

	@Autowired
	private RestTestClient http;

	@Autowired
	private InventoryStub inventory;

	@Autowired
	private OrderManagement orderManagement;

	@Autowired
	private PlatformTransactionManager transactionManager;

	@Autowired
	private JdbcTemplate jdbc;

	private TransactionTemplate transactions;

	private OrderEventsTopic orderEvents;

	@BeforeEach
	void readOrderEvents() {
		this.orderEvents = new OrderEventsTopic();
		this.transactions = new TransactionTemplate(this.transactionManager);
	}

	@AfterEach
	void stopReading() {
		this.orderEvents.close();
	}

	@Test
	void aPlacedOrderIsAnnouncedAndConfirmedWhenItsStockIsReserved() {
		String book = product("19.99");
		String pen = product("1.50");
		String email = uniqueEmail();

		JsonNode order = place(email, """
				[{"sku": "%s", "quantity": 2}, {"sku": "%s", "quantity": 3}]""".formatted(book, pen));
		UUID orderId = UUID.fromString(order.get("id").asString());

		assertThat(order.get("status").asString()).isEqualTo("PENDING");
		assertThat(order.get("total").decimalValue()).isEqualByComparingTo("44.48");
		JsonNode placed = this.orderEvents.awaitEvent(orderId, "OrderPlaced");
		assertThat(placed.propertyNames()).containsExactlyInAnyOrder("eventId", "type", "occurredAt", "orderId",
				"customerEmail", "lines", "total");
		assertThat(UUID.fromString(placed.get("eventId").asString())).isNotNull();
		assertThat(Instant.parse(placed.get("occurredAt").asString())).isNotNull();
		assertThat(placed.get("orderId").asString()).isEqualTo(orderId.toString());
		assertThat(placed.get("customerEmail").asString()).isEqualTo(email);
		assertThat(placed.get("total").decimalValue()).isEqualByComparingTo("44.48");
		assertThat(placed.get("lines").toString()).isEqualTo("""
				[{"sku":"%s","quantity":2},{"sku":"%s","quantity":3}]""".formatted(book, pen));
		assertThat(this.orderEvents.headerNames(orderId)).doesNotContain("__TypeId__");

		this.orderEvents.send(orderId, stockReserved(UUID.randomUUID(), orderId));

		awaitStatus(orderId, "CONFIRMED");
		JsonNode confirmed = this.orderEvents.awaitEvent(orderId, "OrderConfirmed");
		assertThat(confirmed.get("customerEmail").asString()).isEqualTo(email);
		assertThat(confirmed.get("total").decimalValue()).isEqualByComparingTo("44.48");
	}

	@Test
	void anOrderIsRejectedWhenItsStockIsShort() {
		UUID orderId = placeOrder();

		this.orderEvents.send(orderId, """
				{"eventId": "%s", "type": "StockRejected", "occurredAt": "%s", "orderId": "%s",
				 "reason": "INSUFFICIENT_STOCK", "skus": ["ANY"]}""".formatted(UUID.randomUUID(), Instant.now(),
				orderId));

		JsonNode order = awaitStatus(orderId, "REJECTED");
		assertThat(order.get("rejectionReason").asString()).isEqualTo("INSUFFICIENT_STOCK");
		JsonNode rejected = this.orderEvents.awaitEvent(orderId, "OrderRejected");
		assertThat(rejected.get("reason").asString()).isEqualTo("INSUFFICIENT_STOCK");
		this.http.post()
			.uri("/api/orders/{id}/cancel", orderId)
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.CONFLICT);
	}

	@Test
	void aCancelledOrderIsAnnouncedOnce() {
		UUID orderId = placeOrder();
		this.orderEvents.send(orderId, stockReserved(UUID.randomUUID(), orderId));
		awaitStatus(orderId, "CONFIRMED");

		cancel(orderId);
		JsonNode again = cancel(orderId);

		assertThat(again.get("status").asString()).isEqualTo("CANCELLED");
		this.orderEvents.awaitEvent(orderId, "OrderCancelled");
		await().during(Duration.ofSeconds(1))
			.atMost(PATIENCE)
			.pollInSameThread()
			.until(() -> this.orderEvents.events(orderId, "OrderCancelled").size() == 1);
	}

	@Test
	void aLateStockReservationLeavesACancelledOrderCancelled() {
		UUID orderId = placeOrder();
		cancel(orderId);

		RecordMetadata late = this.orderEvents.send(orderId, stockReserved(UUID.randomUUID(), orderId));

		this.orderEvents.awaitConsumed(late);
		assertThat(get(orderId).get("status").asString()).isEqualTo("CANCELLED");
		assertThat(this.orderEvents.events(orderId, "OrderConfirmed")).isEmpty();
	}

	@Test
	void aRedeliveredStockReservationConfirmsOnlyOnce() {
		UUID orderId = placeOrder();
		String reserved = stockReserved(UUID.randomUUID(), orderId);

		this.orderEvents.send(orderId, reserved);
		RecordMetadata redelivery = this.orderEvents.send(orderId, reserved);

		this.orderEvents.awaitConsumed(redelivery);
		awaitStatus(orderId, "CONFIRMED");
		await().during(Duration.ofSeconds(1))
			.atMost(PATIENCE)
			.pollInSameThread()
			.until(() -> this.orderEvents.events(orderId, "OrderConfirmed").size() == 1);
	}

	@Test
	void aCancelRacingTheConfirmationWaitsForItAndThenCancels() throws Exception {
		UUID orderId = placeOrder();
		CountDownLatch commit = new CountDownLatch(1);
		try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
			HeldConfirmation confirmation = confirmHoldingTheLock(executor, orderId, commit);
			Future<JsonNode> cancellation = executor.submit(() -> cancel(orderId));
			try {
				await().atMost(PATIENCE).until(() -> isBlockedBy(confirmation.backendPid()));
			}
			finally {
				commit.countDown();
			}

			confirmation.outcome().get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
			assertThat(cancellation.get(PATIENCE.toSeconds(), TimeUnit.SECONDS).get("status").asString())
				.isEqualTo("CANCELLED");
		}
		assertThat(get(orderId).get("status").asString()).isEqualTo("CANCELLED");
		JsonNode cancelled = this.orderEvents.awaitEvent(orderId, "OrderCancelled");
		assertThat(this.orderEvents.events(orderId, "OrderConfirmed")).singleElement()
			.satisfies((confirmed) -> assertThat(Instant.parse(confirmed.get("occurredAt").asString()))
				.isBeforeOrEqualTo(Instant.parse(cancelled.get("occurredAt").asString())));
		assertThat(this.orderEvents.events(orderId, "OrderCancelled")).hasSize(1);
	}

	private UUID placeOrder() {
		String book = product("10.00");
		JsonNode order = place(uniqueEmail(), """
				[{"sku": "%s", "quantity": 1}]""".formatted(book));
		return UUID.fromString(order.get("id").asString());
	}

	private JsonNode place(String email, String lines) {
		return this.http.post()
			.uri("/api/orders")
			.contentType(MediaType.APPLICATION_JSON)
			.body("""
					{"customerEmail": "%s", "lines": %s}""".formatted(email, lines))
			.exchange()
			.expectStatus()
			.isCreated()
			.expectHeader()
			.valueMatches("Location", "/api/orders/[0-9a-f-]{36}")
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody();
	}

	private JsonNode cancel(UUID orderId) {
		return this.http.post()
			.uri("/api/orders/{id}/cancel", orderId)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody();
	}

	private JsonNode get(UUID orderId) {
		return this.http.get()
			.uri("/api/orders/{id}", orderId)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody();
	}

	private JsonNode awaitStatus(UUID orderId, String status) {
		await().atMost(PATIENCE).until(() -> status.equals(get(orderId).get("status").asString()));
		return get(orderId);
	}

	private String product(String price) {
		String sku = "SKU-" + UUID.randomUUID();
		this.inventory.product(sku, price);
		return sku;
	}

	// Confirms the order in a transaction that then waits for the latch before it
	// commits,
	// so it holds the order's row lock meanwhile
	private HeldConfirmation confirmHoldingTheLock(ExecutorService executor, UUID orderId, CountDownLatch commit) {
		CountDownLatch confirmed = new CountDownLatch(1);
		AtomicInteger backendPid = new AtomicInteger();
		Future<?> outcome = executor.submit(() -> this.transactions.executeWithoutResult((transaction) -> {
			this.orderManagement.confirm(UUID.randomUUID(), orderId);
			backendPid.set(this.jdbc.queryForObject("select pg_backend_pid()", Integer.class));
			confirmed.countDown();
			awaitLatch(commit);
		}));
		awaitLatch(confirmed);
		return new HeldConfirmation(backendPid.get(), outcome);
	}

	// Whether some database session waits for a lock the given one holds
	private boolean isBlockedBy(int backendPid) {
		return Boolean.TRUE.equals(this.jdbc.queryForObject(
				"select exists (select 1 from pg_stat_activity where ? = any (pg_blocking_pids(pid)))", Boolean.class,
				backendPid));
	}

	private static void awaitLatch(CountDownLatch latch) {
		try {
			assertThat(latch.await(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static String stockReserved(UUID eventId, UUID orderId) {
		return """
				{"eventId": "%s", "type": "StockReserved", "occurredAt": "%s", "orderId": "%s"}""".formatted(eventId,
				Instant.now(), orderId);
	}

	private static String uniqueEmail() {
		return "customer-" + UUID.randomUUID() + "@example.com";
	}

	/**
	 * A confirmation whose transaction has not committed yet.
	 *
	 * @param backendPid the PostgreSQL backend that runs its transaction
	 * @param outcome done once it committed
	 */
	private record HeldConfirmation(int backendPid, Future<?> outcome) {

	}

}
