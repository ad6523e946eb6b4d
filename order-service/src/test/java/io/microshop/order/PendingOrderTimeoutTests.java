package io.microshop.order;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.microshop.testsupport.TopicProbe;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

import static io.microshop.order.OrderServiceFixture.PATIENCE;
import static io.microshop.order.OrderServiceFixture.stockRejected;
import static io.microshop.order.OrderServiceFixture.stockReserved;
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

	@Autowired
	private OrderServiceFixture fixture;

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private MeterRegistry meters;

	@Test
	void anOrderWithoutAStockAnswerTimesOutAndLateAnswersChangeNothing() {
		TopicProbe orderEvents = this.fixture.events();
		double timedOutBefore = timedOut();
		UUID orderId = this.fixture.placeOrder();
		// its age shows while it waits
		await().atMost(PATIENCE).until(() -> oldestPendingAge() >= 1.0);

		JsonNode order = this.fixture.awaitStatus(orderId, "REJECTED");
		assertThat(order.get("rejectionReason").asString()).isEqualTo("RESERVATION_TIMED_OUT");
		JsonNode rejected = orderEvents.awaitEvent(orderId, "OrderRejected");
		assertThat(rejected.get("reason").asString()).isEqualTo("RESERVATION_TIMED_OUT");
		assertThat(timedOut()).isGreaterThan(timedOutBefore);
		await().atMost(PATIENCE).until(() -> oldestPendingAge() == 0.0);

		UUID reservedLate = UUID.randomUUID();
		UUID rejectedLate = UUID.randomUUID();
		orderEvents.send(orderId, stockReserved(reservedLate, orderId));
		RecordMetadata last = orderEvents.send(orderId, stockRejected(rejectedLate, orderId));

		orderEvents.awaitConsumed(last);
		assertThat(processed(reservedLate)).isTrue();
		assertThat(processed(rejectedLate)).isTrue();
		order = this.fixture.get(orderId);
		assertThat(order.get("status").asString()).isEqualTo("REJECTED");
		assertThat(order.get("rejectionReason").asString()).isEqualTo("RESERVATION_TIMED_OUT");
		await().during(Duration.ofSeconds(1))
			.atMost(PATIENCE)
			.pollInSameThread()
			.until(() -> orderEvents.events(orderId, "OrderRejected").size() == 1
					&& orderEvents.events(orderId, "OrderConfirmed").isEmpty()
					&& orderEvents.deadLetters(orderId).isEmpty());
		assertThat(this.jdbc.queryForObject("select count(*) from orders.dead_letters where message_key = ?",
				Long.class, orderId.toString()))
			.isZero();
	}

	@Test
	void anOverdueOrderWhoseStockAnswerIsBeingAppliedIsLeftToThatAnswer() throws Exception {
		TopicProbe orderEvents = this.fixture.events();
		UUID answered = this.fixture.placeOrder();
		CountDownLatch commit = new CountDownLatch(1);
		try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
			Future<?> confirmation = this.fixture.confirmHoldingTheLock(executor, answered, commit).outcome();
			UUID unanswered;
			try {
				unanswered = this.fixture.placeOrder();
				// the check claims the oldest first: it reaches the later order only by
				// skipping the held one instead of waiting for it
				this.fixture.awaitStatus(unanswered, "REJECTED");
			}
			finally {
				commit.countDown();
			}
			confirmation.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
			assertThat(this.fixture.get(unanswered).get("rejectionReason").asString())
				.isEqualTo("RESERVATION_TIMED_OUT");
		}

		assertThat(this.fixture.get(answered).get("status").asString()).isEqualTo("CONFIRMED");
		orderEvents.awaitEvent(answered, "OrderConfirmed");
		assertThat(orderEvents.events(answered, "OrderRejected")).isEmpty();
	}

	private double timedOut() {
		return this.meters.get("microshop.orders.rejected").tag("reason", "RESERVATION_TIMED_OUT").counter().count();
	}

	private double oldestPendingAge() {
		return this.meters.get("microshop.orders.pending.oldest.age").gauge().value();
	}

	private boolean processed(UUID eventId) {
		return this.jdbc.queryForObject("select count(*) from orders.inbox where event_id = ?", Long.class,
				eventId) == 1;
	}

}
