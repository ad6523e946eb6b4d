package io.microshop.order;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.microshop.order.ordering.OrderManagement;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Orders never stay pending forever: with a pending timeout of 2 s, checked every 500 ms,
 * an order that gets no stock answer is rejected as timed out and announced, and answers
 * that come later change nothing.
 * <p>
 * Its own application context, closed after these tests: its check would time out the
 * pending orders of every other test.
 */
@OrderServiceIntegrationTest
@TestPropertySource(
		properties = { "microshop.orders.pending-timeout=2s", "microshop.orders.pending-check-interval=500ms" })
@DirtiesContext
class PendingOrderTimeoutTests {

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

	@Autowired
	private MeterRegistry meters;

	private OrdersApi orders;

	private OrderEventsTopic orderEvents;

	@BeforeEach
	void readOrderEvents() {
		this.orders = new OrdersApi(this.http, this.inventory);
		this.orderEvents = new OrderEventsTopic();
	}

	@AfterEach
	void stopReading() {
		this.orderEvents.close();
	}

	@Test
	void anOrderWithoutAStockAnswerTimesOutAndLateAnswersChangeNothing() {
		double timedOutBefore = timedOut();
		UUID orderId = this.orders.placeOrder();
		// its age shows while it waits
		await().atMost(PATIENCE).until(() -> oldestPendingAge() >= 1.0);

		JsonNode order = this.orders.awaitStatus(orderId, "REJECTED");
		assertThat(order.get("rejectionReason").asString()).isEqualTo("RESERVATION_TIMED_OUT");
		JsonNode rejected = this.orderEvents.awaitEvent(orderId, "OrderRejected");
		assertThat(rejected.get("reason").asString()).isEqualTo("RESERVATION_TIMED_OUT");
		assertThat(timedOut()).isGreaterThan(timedOutBefore);
		await().atMost(PATIENCE).until(() -> oldestPendingAge() == 0.0);

		UUID reservedLate = UUID.randomUUID();
		UUID rejectedLate = UUID.randomUUID();
		this.orderEvents.send(orderId, stockReserved(reservedLate, orderId));
		RecordMetadata last = this.orderEvents.send(orderId, stockRejected(rejectedLate, orderId));

		this.orderEvents.awaitConsumed(last);
		assertThat(processed(reservedLate)).isTrue();
		assertThat(processed(rejectedLate)).isTrue();
		order = this.orders.get(orderId);
		assertThat(order.get("status").asString()).isEqualTo("REJECTED");
		assertThat(order.get("rejectionReason").asString()).isEqualTo("RESERVATION_TIMED_OUT");
		await().during(Duration.ofSeconds(1))
			.atMost(PATIENCE)
			.pollInSameThread()
			.until(() -> this.orderEvents.events(orderId, "OrderRejected").size() == 1
					&& this.orderEvents.events(orderId, "OrderConfirmed").isEmpty()
					&& this.orderEvents.deadLetters(orderId.toString()).isEmpty());
		assertThat(this.jdbc.queryForObject("select count(*) from orders.dead_letters where message_key = ?",
				Long.class, orderId.toString()))
			.isZero();
	}

	@Test
	void anOverdueOrderWhoseStockAnswerIsBeingAppliedIsLeftToThatAnswer() throws Exception {
		UUID answered = this.orders.placeOrder();
		CountDownLatch commit = new CountDownLatch(1);
		try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
			Future<?> confirmation = confirmHoldingTheLock(executor, answered, commit);
			UUID unanswered;
			try {
				unanswered = this.orders.placeOrder();
				// the check claims the oldest first: it reaches the later order only by
				// skipping the held one instead of waiting for it
				this.orders.awaitStatus(unanswered, "REJECTED");
			}
			finally {
				commit.countDown();
			}
			confirmation.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
			assertThat(this.orders.get(unanswered).get("rejectionReason").asString())
				.isEqualTo("RESERVATION_TIMED_OUT");
		}

		assertThat(this.orders.get(answered).get("status").asString()).isEqualTo("CONFIRMED");
		this.orderEvents.awaitEvent(answered, "OrderConfirmed");
		assertThat(this.orderEvents.events(answered, "OrderRejected")).isEmpty();
	}

	// Confirms the order in a transaction that then waits for the latch before it
	// commits, so it holds the order's row lock meanwhile
	private Future<?> confirmHoldingTheLock(ExecutorService executor, UUID orderId, CountDownLatch commit) {
		CountDownLatch confirmed = new CountDownLatch(1);
		TransactionTemplate transactions = new TransactionTemplate(this.transactionManager);
		Future<?> outcome = executor.submit(() -> transactions.executeWithoutResult((transaction) -> {
			this.orderManagement.confirm(UUID.randomUUID(), orderId);
			confirmed.countDown();
			awaitLatch(commit);
		}));
		awaitLatch(confirmed);
		return outcome;
	}

	private double timedOut() {
		return this.meters.get("microshop.orders.timed.out").counter().count();
	}

	private double oldestPendingAge() {
		return this.meters.get("microshop.orders.pending.oldest.age").gauge().value();
	}

	private boolean processed(UUID eventId) {
		return this.jdbc.queryForObject("select count(*) from orders.processed_events where event_id = ?", Long.class,
				eventId) == 1;
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

	private static String stockRejected(UUID eventId, UUID orderId) {
		return """
				{"eventId": "%s", "type": "StockRejected", "occurredAt": "%s", "orderId": "%s",
				 "reason": "INSUFFICIENT_STOCK", "skus": ["ANY"]}""".formatted(eventId, Instant.now(), orderId);
	}

}
