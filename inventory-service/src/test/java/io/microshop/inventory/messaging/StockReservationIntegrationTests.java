package io.microshop.inventory.messaging;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import io.microshop.inventory.InventoryServiceIntegrationTest;
import io.microshop.inventory.stock.Product;
import io.microshop.inventory.stock.Reservation;
import io.microshop.inventory.stock.ReservationStatus;
import io.microshop.inventory.stock.Reservations;
import io.microshop.inventory.stock.StockManagement;
import io.microshop.messaging.EventsProperties;
import io.microshop.messaging.HandledEventTypes;
import io.microshop.messaging.Inbox;
import io.microshop.messaging.OutboxRelay;
import io.microshop.testsupport.ListenerDeliveries;
import io.microshop.testsupport.TopicProbe;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;

import static io.microshop.inventory.messaging.OrderEvents.orderCancelled;
import static io.microshop.inventory.messaging.OrderEvents.orderPlaced;
import static io.microshop.inventory.messaging.OrderEvents.orderRejected;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;
import static org.awaitility.Awaitility.await;

/**
 * The stock side of the order saga end to end: JSON records on the events topic in, stock
 * moved and stock events out, through the real listener, inbox, outbox and relay.
 */
@InventoryServiceIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class StockReservationIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private static final JsonMapper json = JsonMapper.shared();

	/**
	 * A line logged at WARN or ERROR, in Spring Boot's console format.
	 */
	@Autowired
	private StockManagement stock;

	@Autowired
	private Reservations reservations;

	@Autowired
	private OutboxRelay relay;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private Inbox inbox;

	@Autowired
	private MeterRegistry meters;

	@Autowired
	private EventsProperties events;

	@Value("${spring.kafka.consumer.group-id}")
	private String group;

	private TopicProbe topic;

	@BeforeEach
	void openProbe() {
		this.topic = new TopicProbe(this.events.topic(), this.group);
	}

	@AfterEach
	void closeProbe() {
		this.topic.close();
	}

	@Test
	void reservesTheStockOfAPlacedOrder() {
		String sku = newProduct(10);
		UUID orderId = UUID.randomUUID();

		this.topic.send(orderId, orderPlaced(orderId, sku + ":3"));

		JsonNode reserved = awaitEvent(orderId, "StockReserved");
		assertThat(reserved.get("orderId").asString()).isEqualTo(orderId.toString());
		assertThat(stockOf(sku)).containsExactly(7, 3);
		// plain JSON for tolerant readers: no Java type names in headers, only the trace
		// and the event's type (HandledEventTypes.HEADER)
		assertThat(this.topic.headerNames(orderId)).contains(HandledEventTypes.HEADER)
			.isSubsetOf("traceparent", "tracestate", HandledEventTypes.HEADER);
	}

	@Test
	void rejectsAnOrderLargerThanTheStockAndMovesNothing() {
		String plenty = newProduct(10);
		String scarce = newProduct(2);
		UUID orderId = UUID.randomUUID();

		this.topic.send(orderId, orderPlaced(orderId, plenty + ":1", scarce + ":3"));

		JsonNode rejected = awaitEvent(orderId, "StockRejected");
		assertThat(rejected.get("reason").asString()).isEqualTo("INSUFFICIENT_STOCK");
		assertThat(rejected.get("skus").values()).extracting(JsonNode::asString).containsExactly(scarce);
		assertThat(stockOf(plenty)).containsExactly(10, 0);
		assertThat(stockOf(scarce)).containsExactly(2, 0);
	}

	@Test
	void releasesTheStockOfACancelledOrder() {
		String sku = newProduct(10);
		UUID orderId = UUID.randomUUID();
		this.topic.send(orderId, orderPlaced(orderId, sku + ":4"));
		awaitEvent(orderId, "StockReserved");

		this.topic.send(orderId, orderCancelled(orderId));

		await().atMost(TIMEOUT).untilAsserted(() -> assertThat(stockOf(sku)).containsExactly(10, 0));
	}

	@Test
	void reservesARedeliveredOrderOnlyOnceAndQuietly(CapturedOutput output) {
		String sku = newProduct(10);
		UUID orderId = UUID.randomUUID();
		String placed = orderPlaced(orderId, sku + ":3");
		UUID eventId = UUID.fromString(json.readTree(placed).get("eventId").asString());
		ListenerDeliveries deliveries = new ListenerDeliveries(this.meters);
		long successesBefore = deliveries.succeeded();
		long failuresBefore = deliveries.failed();
		int logStart = output.getAll().length();

		this.topic.send(orderId, placed);
		RecordMetadata redelivery = this.topic.send(orderId, placed);
		this.topic.awaitConsumed(redelivery);

		String logged = output.getAll().substring(logStart);
		assertThat(stockOf(sku)).containsExactly(7, 3);
		await().during(Duration.ofSeconds(1))
			.atMost(TIMEOUT)
			.until(() -> this.topic.events(orderId, "StockReserved").size() == 1);
		// the inbox told the redelivery apart (the order's reservation would also stop a
		// second one, so this is what fails if the inbox is ignored)
		assertThat(this.inbox.contains(eventId)).isTrue();
		// quietly: neither dead-lettered, nor failed and retried, nor logged as a problem
		assertSoftly((softly) -> {
			softly.assertThat(this.topic.deadLetters(orderId)).as("dead letters").isEmpty();
			softly.assertThat(deliveries.failed() - failuresBefore).as("failed deliveries").isZero();
			softly.assertThat(deliveries.succeeded() - successesBefore)
				.as("successful deliveries")
				.isGreaterThanOrEqualTo(2);
			softly.assertThat(ListenerDeliveries.warningsAndErrors(logged)).as("warnings and errors logged").isEmpty();
		});
	}

	@Test
	void reservesNothingForAnOrderCancelledBeforeItWasPlaced() {
		String sku = newProduct(10);
		UUID orderId = UUID.randomUUID();

		this.topic.send(orderId, orderCancelled(orderId));
		this.topic.awaitConsumed(this.topic.send(orderId, orderPlaced(orderId, sku + ":3")));

		assertThat(stockOf(sku)).containsExactly(10, 0);
		assertThat(this.topic.events(orderId, "StockReserved")).isEmpty();
		assertThat(this.topic.events(orderId, "StockRejected")).isEmpty();
	}

	@Test
	void releasesTheStockOfAnOrderRejectedAfterItsStockWasReserved() {
		String sku = newProduct(10);
		UUID orderId = UUID.randomUUID();
		this.topic.send(orderId, orderPlaced(orderId, sku + ":4"));
		awaitEvent(orderId, "StockReserved");

		this.topic.awaitConsumed(this.topic.send(orderId, orderRejected(orderId, "RESERVATION_TIMED_OUT")));

		assertThat(stockOf(sku)).containsExactly(10, 0);
		assertThat(reservationOf(orderId)).get()
			.extracting(Reservation::getStatus)
			.isEqualTo(ReservationStatus.RELEASED);
	}

	@Test
	void releasesARedeliveredOrderRejectedOnlyOnce() {
		String sku = newProduct(10);
		UUID rejectedId = UUID.randomUUID();
		UUID otherId = UUID.randomUUID();
		this.topic.send(rejectedId, orderPlaced(rejectedId, sku + ":4"));
		this.topic.send(otherId, orderPlaced(otherId, sku + ":5"));
		awaitEvent(rejectedId, "StockReserved");
		awaitEvent(otherId, "StockReserved");
		String rejected = orderRejected(rejectedId, "RESERVATION_TIMED_OUT");

		this.topic.send(rejectedId, rejected);
		this.topic.awaitConsumed(this.topic.send(rejectedId, rejected));

		// the other order still holds its 5: the redelivery gave nothing back a second
		// time
		assertThat(stockOf(sku)).containsExactly(5, 5);
		assertThat(reservationOf(otherId)).get()
			.extracting(Reservation::getStatus)
			.isEqualTo(ReservationStatus.RESERVED);
		assertThat(this.topic.deadLetters(rejectedId)).isEmpty();
	}

	@Test
	void reservesNothingForAnOrderRejectedBeforeItWasPlaced() {
		String sku = newProduct(10);
		UUID orderId = UUID.randomUUID();

		this.topic.send(orderId, orderRejected(orderId, "RESERVATION_TIMED_OUT"));
		this.topic.awaitConsumed(this.topic.send(orderId, orderPlaced(orderId, sku + ":3")));

		assertThat(stockOf(sku)).containsExactly(10, 0);
		assertThat(reservationOf(orderId)).get()
			.extracting(Reservation::getStatus)
			.isEqualTo(ReservationStatus.RELEASED);
		assertThat(this.topic.events(orderId, "StockReserved")).isEmpty();
		assertThat(this.topic.events(orderId, "StockRejected")).isEmpty();
	}

	@Test
	void changesNothingForAnOrderRejectedForInsufficientStock() {
		String sku = newProduct(3);
		UUID holderId = UUID.randomUUID();
		UUID orderId = UUID.randomUUID();
		this.topic.send(holderId, orderPlaced(holderId, sku + ":1"));
		awaitEvent(holderId, "StockReserved");
		this.topic.send(orderId, orderPlaced(orderId, sku + ":3"));
		awaitEvent(orderId, "StockRejected");

		this.topic.awaitConsumed(this.topic.send(orderId, orderRejected(orderId, "INSUFFICIENT_STOCK")));

		assertThat(stockOf(sku)).containsExactly(2, 1);
		assertThat(reservationOf(orderId)).get()
			.extracting(Reservation::getStatus)
			.isEqualTo(ReservationStatus.REJECTED);
		assertThat(reservationOf(holderId)).get()
			.extracting(Reservation::getStatus)
			.isEqualTo(ReservationStatus.RESERVED);
		assertThat(this.topic.deadLetters(orderId)).isEmpty();
	}

	@Test
	void skipsEventsItDoesNotHandle() {
		UUID orderId = UUID.randomUUID();

		RecordMetadata sent = this.topic.send(orderId, """
				{"eventId": "%s", "type": "OrderConfirmed", "occurredAt": "%s", "orderId": "%s",
				 "customerEmail": "ada@example.com", "total": 10.00}
				""".formatted(UUID.randomUUID(), Instant.now(), orderId));

		this.topic.awaitConsumed(sent);
		assertThat(this.topic.deadLetters(orderId)).isEmpty();
	}

	@Test
	void keepsStockReservedInTheOutboxUntilTheRelayPublishesIt() {
		String sku = newProduct(10);
		UUID orderId = UUID.randomUUID();

		this.relay.stop();
		try {
			this.topic.awaitConsumed(this.topic.send(orderId, orderPlaced(orderId, sku + ":3")));

			// the reservation committed, and its event with it, but nothing was sent
			assertThat(stockOf(sku)).containsExactly(7, 3);
			assertThat(outboxed(orderId)).singleElement()
				.satisfies((event) -> assertThat(event.path("type").asString()).isEqualTo("StockReserved"));
			assertThat(this.topic.events(orderId, "StockReserved")).isEmpty();
		}
		finally {
			this.relay.start();
		}

		awaitEvent(orderId, "StockReserved");
		await().atMost(TIMEOUT).until(() -> outboxed(orderId).isEmpty());
	}

	private String newProduct(int quantity) {
		String sku = "SKU-" + UUID.randomUUID();
		this.stock.createProduct(sku, "Widget", new BigDecimal("4.99"), quantity);
		return sku;
	}

	private List<Integer> stockOf(String sku) {
		Product product = this.stock.product(sku);
		return List.of(product.getAvailable(), product.getReserved());
	}

	private Optional<Reservation> reservationOf(UUID orderId) {
		return this.reservations.findById(orderId);
	}

	/**
	 * The events of the order waiting in the outbox for the events topic.
	 */
	private List<JsonNode> outboxed(UUID orderId) {
		return this.jdbc.sql("select payload from outbox_events where topic = :topic and message_key = :key")
			.param("topic", this.events.topic())
			.param("key", orderId.toString())
			.query(String.class)
			.list()
			.stream()
			.map(json::readTree)
			.toList();
	}

	private JsonNode awaitEvent(UUID orderId, String type) {
		return await().atMost(TIMEOUT)
			.until(() -> this.topic.events(orderId, type), (events) -> events.size() == 1)
			.get(0);
	}

}
