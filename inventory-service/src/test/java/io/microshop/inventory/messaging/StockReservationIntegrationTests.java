package io.microshop.inventory.messaging;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.microshop.inventory.InventoryApplicationTest;
import io.microshop.inventory.stock.Product;
import io.microshop.inventory.stock.Reservation;
import io.microshop.inventory.stock.ReservationStatus;
import io.microshop.inventory.stock.Reservations;
import io.microshop.inventory.stock.StockManagement;
import io.microshop.messaging.OutboxRelay;
import io.microshop.testsupport.TestInfrastructure;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static io.microshop.inventory.messaging.OrderEvents.orderCancelled;
import static io.microshop.inventory.messaging.OrderEvents.orderPlaced;
import static io.microshop.inventory.messaging.OrderEvents.orderRejected;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The stock side of the order saga end to end: JSON records on {@code order-events} in,
 * stock moved and stock events out, through the real listener, outbox and relay.
 */
@InventoryApplicationTest
class StockReservationIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private static final JsonMapper json = JsonMapper.shared();

	private static OrderEventsTopic topic;

	@Autowired
	private StockManagement stock;

	@Autowired
	private Reservations reservations;

	@Autowired
	private OutboxRelay relay;

	@Autowired
	private JdbcClient jdbc;

	@BeforeEach
	void connect() {
		// here rather than in @BeforeAll: the running application has created the topics
		// by now
		if (topic == null) {
			topic = new OrderEventsTopic(TestInfrastructure.kafkaBootstrapServers());
		}
	}

	@AfterAll
	static void disconnect() {
		if (topic != null) {
			topic.close();
			topic = null;
		}
	}

	@Test
	void reservesTheStockOfAPlacedOrder() {
		String sku = newProduct(10);
		UUID orderId = UUID.randomUUID();

		topic.send(orderId, orderPlaced(orderId, sku + ":3"));

		JsonNode reserved = awaitEvent(orderId, "StockReserved");
		assertThat(reserved.get("orderId").asString()).isEqualTo(orderId.toString());
		assertThat(stockOf(sku)).containsExactly(7, 3);
		// plain JSON for tolerant readers: no Java type names in headers
		assertThat(topic.received(OrderEventsTopic.TOPIC, orderId))
			.allSatisfy((record) -> assertThat(record.headers().toArray()).isEmpty());
	}

	@Test
	void rejectsAnOrderLargerThanTheStockAndMovesNothing() {
		String plenty = newProduct(10);
		String scarce = newProduct(2);
		UUID orderId = UUID.randomUUID();

		topic.send(orderId, orderPlaced(orderId, plenty + ":1", scarce + ":3"));

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
		topic.send(orderId, orderPlaced(orderId, sku + ":4"));
		awaitEvent(orderId, "StockReserved");

		topic.send(orderId, orderCancelled(orderId));

		await().atMost(TIMEOUT).untilAsserted(() -> assertThat(stockOf(sku)).containsExactly(10, 0));
	}

	@Test
	void reservesARedeliveredOrderOnlyOnce() {
		String sku = newProduct(10);
		UUID orderId = UUID.randomUUID();
		String placed = orderPlaced(orderId, sku + ":3");

		topic.send(orderId, placed);
		RecordMetadata redelivery = topic.send(orderId, placed);

		awaitConsumed(redelivery);
		assertThat(stockOf(sku)).containsExactly(7, 3);
		await().during(Duration.ofSeconds(1)).atMost(TIMEOUT).until(() -> events(orderId, "StockReserved").size() == 1);
	}

	@Test
	void reservesNothingForAnOrderCancelledBeforeItWasPlaced() {
		String sku = newProduct(10);
		UUID orderId = UUID.randomUUID();

		topic.send(orderId, orderCancelled(orderId));
		awaitConsumed(topic.send(orderId, orderPlaced(orderId, sku + ":3")));

		assertThat(stockOf(sku)).containsExactly(10, 0);
		assertThat(events(orderId, "StockReserved")).isEmpty();
		assertThat(events(orderId, "StockRejected")).isEmpty();
	}

	@Test
	void releasesTheStockOfAnOrderRejectedAfterItsStockWasReserved() {
		String sku = newProduct(10);
		UUID orderId = UUID.randomUUID();
		topic.send(orderId, orderPlaced(orderId, sku + ":4"));
		awaitEvent(orderId, "StockReserved");

		awaitConsumed(topic.send(orderId, orderRejected(orderId, "RESERVATION_TIMED_OUT")));

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
		topic.send(rejectedId, orderPlaced(rejectedId, sku + ":4"));
		topic.send(otherId, orderPlaced(otherId, sku + ":5"));
		awaitEvent(rejectedId, "StockReserved");
		awaitEvent(otherId, "StockReserved");
		String rejected = orderRejected(rejectedId, "RESERVATION_TIMED_OUT");

		topic.send(rejectedId, rejected);
		awaitConsumed(topic.send(rejectedId, rejected));

		// the other order still holds its 5: the redelivery gave nothing back a second
		// time
		assertThat(stockOf(sku)).containsExactly(5, 5);
		assertThat(reservationOf(otherId)).get()
			.extracting(Reservation::getStatus)
			.isEqualTo(ReservationStatus.RESERVED);
		assertThat(topic.received(OrderEventsTopic.DEAD_LETTER_TOPIC, rejectedId)).isEmpty();
	}

	@Test
	void reservesNothingForAnOrderRejectedBeforeItWasPlaced() {
		String sku = newProduct(10);
		UUID orderId = UUID.randomUUID();

		topic.send(orderId, orderRejected(orderId, "RESERVATION_TIMED_OUT"));
		awaitConsumed(topic.send(orderId, orderPlaced(orderId, sku + ":3")));

		assertThat(stockOf(sku)).containsExactly(10, 0);
		assertThat(reservationOf(orderId)).get()
			.extracting(Reservation::getStatus)
			.isEqualTo(ReservationStatus.RELEASED);
		assertThat(events(orderId, "StockReserved")).isEmpty();
		assertThat(events(orderId, "StockRejected")).isEmpty();
	}

	@Test
	void changesNothingForAnOrderRejectedForInsufficientStock() {
		String sku = newProduct(3);
		UUID holderId = UUID.randomUUID();
		UUID orderId = UUID.randomUUID();
		topic.send(holderId, orderPlaced(holderId, sku + ":1"));
		awaitEvent(holderId, "StockReserved");
		topic.send(orderId, orderPlaced(orderId, sku + ":3"));
		awaitEvent(orderId, "StockRejected");

		awaitConsumed(topic.send(orderId, orderRejected(orderId, "INSUFFICIENT_STOCK")));

		assertThat(stockOf(sku)).containsExactly(2, 1);
		assertThat(reservationOf(orderId)).get()
			.extracting(Reservation::getStatus)
			.isEqualTo(ReservationStatus.REJECTED);
		assertThat(reservationOf(holderId)).get()
			.extracting(Reservation::getStatus)
			.isEqualTo(ReservationStatus.RESERVED);
		assertThat(topic.received(OrderEventsTopic.DEAD_LETTER_TOPIC, orderId)).isEmpty();
	}

	@Test
	void skipsEventsItDoesNotHandle() {
		UUID orderId = UUID.randomUUID();

		RecordMetadata sent = topic.send(orderId, """
				{"eventId": "%s", "type": "OrderConfirmed", "occurredAt": "%s", "orderId": "%s",
				 "customerEmail": "ada@example.com", "total": 10.00}
				""".formatted(UUID.randomUUID(), Instant.now(), orderId));

		awaitConsumed(sent);
		assertThat(topic.received(OrderEventsTopic.DEAD_LETTER_TOPIC, orderId)).isEmpty();
	}

	@Test
	void keepsStockReservedInTheOutboxUntilTheRelayPublishesIt() {
		String sku = newProduct(10);
		UUID orderId = UUID.randomUUID();

		this.relay.stop();
		try {
			awaitConsumed(topic.send(orderId, orderPlaced(orderId, sku + ":3")));

			// the reservation committed, and its event with it, but nothing was sent
			assertThat(stockOf(sku)).containsExactly(7, 3);
			assertThat(outboxed(orderId)).singleElement()
				.satisfies((event) -> assertThat(event.path("type").asString()).isEqualTo("StockReserved"));
			assertThat(events(orderId, "StockReserved")).isEmpty();
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
	 * The events of the order waiting in the outbox for {@code order-events}.
	 */
	private List<JsonNode> outboxed(UUID orderId) {
		return this.jdbc.sql("select payload from outbox_events where topic = :topic and message_key = :key")
			.param("topic", OrderEventsTopic.TOPIC)
			.param("key", orderId.toString())
			.query(String.class)
			.list()
			.stream()
			.map(json::readTree)
			.toList();
	}

	private static JsonNode awaitEvent(UUID orderId, String type) {
		return await().atMost(TIMEOUT).until(() -> events(orderId, type), (events) -> events.size() == 1).get(0);
	}

	private static void awaitConsumed(RecordMetadata sent) {
		await().atMost(TIMEOUT).until(() -> topic.consumedByInventory(sent));
	}

	private static List<JsonNode> events(UUID orderId, String type) {
		return topic.received(OrderEventsTopic.TOPIC, orderId)
			.stream()
			.map((record) -> json.readTree(record.value()))
			.filter((event) -> type.equals(event.path("type").asString("")))
			.toList();
	}

}
