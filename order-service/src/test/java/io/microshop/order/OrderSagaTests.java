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
import io.microshop.order.OrderServiceFixture.HeldConfirmation;
import io.microshop.testsupport.ListenerDeliveries;
import io.microshop.testsupport.PrometheusScrape;
import io.microshop.testsupport.TopicProbe;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.client.RestTestClient;

import static io.microshop.order.OrderServiceFixture.PATIENCE;
import static io.microshop.order.OrderServiceFixture.stockRejected;
import static io.microshop.order.OrderServiceFixture.stockReserved;
import static io.microshop.order.OrderServiceFixture.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The order saga through the running service: orders placed over HTTP and priced by a
 * stand-in inventory-service, the stock answers written to and the order events read from
 * the real events topic. A race is staged by holding a confirmation's transaction open
 * through the service's use case.
 */
@OrderServiceIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class OrderSagaTests {

	// a log line of level WARN or ERROR, in Spring Boot's console format
	@Autowired
	private OrderServiceFixture fixture;

	@Autowired
	private RestTestClient http;

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private MeterRegistry meters;

	@Test
	void aPlacedOrderIsAnnouncedAndConfirmedWhenItsStockIsReserved() {
		String book = this.fixture.product("19.99");
		String pen = this.fixture.product("1.50");
		String email = uniqueEmail();

		JsonNode order = this.fixture.place(email, """
				[{"sku": "%s", "quantity": 2}, {"sku": "%s", "quantity": 3}]""".formatted(book, pen));
		UUID orderId = UUID.fromString(order.get("id").asString());

		assertThat(order.get("status").asString()).isEqualTo("PENDING");
		assertThat(order.get("total").decimalValue()).isEqualByComparingTo("44.48");
		JsonNode placed = events().awaitEvent(orderId, "OrderPlaced");
		assertThat(placed.propertyNames()).containsExactlyInAnyOrder("eventId", "type", "occurredAt", "orderId",
				"customerEmail", "lines", "total");
		assertThat(UUID.fromString(placed.get("eventId").asString())).isNotNull();
		assertThat(Instant.parse(placed.get("occurredAt").asString())).isNotNull();
		assertThat(placed.get("orderId").asString()).isEqualTo(orderId.toString());
		assertThat(placed.get("customerEmail").asString()).isEqualTo(email);
		assertThat(placed.get("total").decimalValue()).isEqualByComparingTo("44.48");
		assertThat(placed.get("lines").toString()).isEqualTo("""
				[{"sku":"%s","quantity":2},{"sku":"%s","quantity":3}]""".formatted(book, pen));
		assertThat(events().headerNames(orderId)).doesNotContain("__TypeId__");

		events().send(orderId, stockReserved(UUID.randomUUID(), orderId));

		this.fixture.awaitStatus(orderId, "CONFIRMED");
		JsonNode confirmed = events().awaitEvent(orderId, "OrderConfirmed");
		assertThat(confirmed.get("customerEmail").asString()).isEqualTo(email);
		assertThat(confirmed.get("total").decimalValue()).isEqualByComparingTo("44.48");
	}

	@Test
	void anOrderIsRejectedWhenItsStockIsShort() {
		UUID orderId = this.fixture.placeOrder();

		events().send(orderId, stockRejected(UUID.randomUUID(), orderId));

		JsonNode order = this.fixture.awaitStatus(orderId, "REJECTED");
		assertThat(order.get("rejectionReason").asString()).isEqualTo("INSUFFICIENT_STOCK");
		JsonNode rejected = events().awaitEvent(orderId, "OrderRejected");
		assertThat(rejected.get("reason").asString()).isEqualTo("INSUFFICIENT_STOCK");
		this.http.post()
			.uri("/api/orders/{id}/cancel", orderId)
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.CONFLICT);
	}

	@Test
	void aCancelledOrderIsAnnouncedOnce() {
		UUID orderId = this.fixture.placeOrder();
		events().send(orderId, stockReserved(UUID.randomUUID(), orderId));
		this.fixture.awaitStatus(orderId, "CONFIRMED");

		this.fixture.cancel(orderId);
		JsonNode again = this.fixture.cancel(orderId);

		assertThat(again.get("status").asString()).isEqualTo("CANCELLED");
		events().awaitEvent(orderId, "OrderCancelled");
		await().during(Duration.ofSeconds(1))
			.atMost(PATIENCE)
			.pollInSameThread()
			.until(() -> events().events(orderId, "OrderCancelled").size() == 1);
	}

	@Test
	void aLateStockReservationLeavesACancelledOrderCancelled() {
		UUID orderId = this.fixture.placeOrder();
		this.fixture.cancel(orderId);

		RecordMetadata late = events().send(orderId, stockReserved(UUID.randomUUID(), orderId));

		events().awaitConsumed(late);
		assertThat(this.fixture.get(orderId).get("status").asString()).isEqualTo("CANCELLED");
		assertThat(events().events(orderId, "OrderConfirmed")).isEmpty();
	}

	// A redelivery is a quiet no-op: the order is confirmed once, and the second delivery
	// is neither dead-lettered, nor failed and retried, nor logged about
	@Test
	void aRedeliveredStockReservationConfirmsOnlyOnce(CapturedOutput output) {
		UUID orderId = this.fixture.placeOrder();
		String reserved = stockReserved(UUID.randomUUID(), orderId);
		ListenerDeliveries deliveries = new ListenerDeliveries(this.meters);
		long failedBefore = deliveries.failed();
		int logFrom = output.length();

		events().send(orderId, reserved);
		RecordMetadata redelivery = events().send(orderId, reserved);

		events().awaitConsumed(redelivery);
		String logged = output.toString().substring(logFrom);
		this.fixture.awaitStatus(orderId, "CONFIRMED");
		await().during(Duration.ofSeconds(1))
			.atMost(PATIENCE)
			.pollInSameThread()
			.until(() -> events().events(orderId, "OrderConfirmed").size() == 1);
		assertThat(events().deadLetters(orderId)).isEmpty();
		// the timer exists, so that its failures are counted at all
		assertThat(deliveries.succeeded()).isPositive();
		assertThat(deliveries.failed()).isEqualTo(failedBefore);
		assertThat(ListenerDeliveries.warningsAndErrors(logged)).isEmpty();
		// one line about the order, its confirmation: none about the redelivery
		assertThat(logged.lines().filter((line) -> line.contains(orderId.toString()))).singleElement()
			.matches((line) -> line.endsWith("Order " + orderId + " confirmed"));
	}

	@Test
	void aCancelRacingTheConfirmationWaitsForItAndThenCancels() throws Exception {
		UUID orderId = this.fixture.placeOrder();
		CountDownLatch commit = new CountDownLatch(1);
		try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
			HeldConfirmation confirmation = this.fixture.confirmHoldingTheLock(executor, orderId, commit);
			Future<JsonNode> cancellation = executor.submit(() -> this.fixture.cancel(orderId));
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
		assertThat(this.fixture.get(orderId).get("status").asString()).isEqualTo("CANCELLED");
		JsonNode cancelled = events().awaitEvent(orderId, "OrderCancelled");
		assertThat(events().events(orderId, "OrderConfirmed")).singleElement()
			.satisfies((confirmed) -> assertThat(Instant.parse(confirmed.get("occurredAt").asString()))
				.isBeforeOrEqualTo(Instant.parse(cancelled.get("occurredAt").asString())));
		assertThat(events().events(orderId, "OrderCancelled")).hasSize(1);
	}

	// what the dashboards and alerts read, as Prometheus scrapes it
	@Test
	void theFunnelAndTheTimeToDecideAnOrderAreScrapedAsTheyHappen() {
		PrometheusScrape before = scrape();
		UUID confirmed = this.fixture.placeOrder();
		UUID rejected = this.fixture.placeOrder();

		events().send(confirmed, stockReserved(UUID.randomUUID(), confirmed));
		events().send(rejected, stockRejected(UUID.randomUUID(), rejected));
		this.fixture.awaitStatus(confirmed, "CONFIRMED");
		this.fixture.awaitStatus(rejected, "REJECTED");
		this.fixture.cancel(confirmed);

		await().atMost(PATIENCE).untilAsserted(() -> {
			PrometheusScrape after = scrape();
			assertThat(after.increase(before, "microshop_orders_placed_total")).isEqualTo(2);
			assertThat(after.increase(before, "microshop_orders_confirmed_total")).isEqualTo(1);
			assertThat(after.increase(before, "microshop_orders_rejected_total{reason=\"INSUFFICIENT_STOCK\"}"))
				.isEqualTo(1);
			assertThat(after.increase(before, "microshop_orders_rejected_total{reason=\"RESERVATION_TIMED_OUT\"}"))
				.isZero();
			assertThat(after.increase(before, "microshop_orders_cancelled_total")).isEqualTo(1);
			assertThat(after.increase(before, "microshop_orders_decision_seconds_count{outcome=\"confirmed\"}"))
				.isEqualTo(1);
			assertThat(after.increase(before, "microshop_orders_decision_seconds_count{outcome=\"rejected\"}"))
				.isEqualTo(1);
			// each decision took more than nothing and less than the test
			assertThat(after.increase(before, "microshop_orders_decision_seconds_sum{outcome=\"confirmed\"}"))
				.isBetween(1e-6, PATIENCE.toSeconds() * 1.0);
			// buckets, so that p99 can be computed over every instance, one of them at
			// the
			// objective the alert rules use (1 s)
			assertThat(after.series())
				.anyMatch((series) -> series.startsWith("microshop_orders_decision_seconds_bucket{")
						&& series.contains("outcome=\"confirmed\"") && series.contains("le=\"1.0\""));
		});
	}

	private PrometheusScrape scrape() {
		return PrometheusScrape.parse(this.http.get()
			.uri("/actuator/prometheus")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody());
	}

	private TopicProbe events() {
		return this.fixture.events();
	}

	// Whether some database session waits for a lock the given one holds
	private boolean isBlockedBy(int backendPid) {
		return Boolean.TRUE.equals(this.jdbc.queryForObject(
				"select exists (select 1 from pg_stat_activity where ? = any (pg_blocking_pids(pid)))", Boolean.class,
				backendPid));
	}

}
