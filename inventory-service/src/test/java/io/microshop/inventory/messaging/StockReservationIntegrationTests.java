package io.microshop.inventory.messaging;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import io.microshop.inventory.InventoryApplicationTest;
import io.microshop.inventory.stock.Product;
import io.microshop.inventory.stock.StockManagement;
import io.microshop.testsupport.TestInfrastructure;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The stock side of the order saga end to end: JSON records on {@code order-events} in,
 * stock moved and stock events out, through the real listener, error handler and relay.
 */
@InventoryApplicationTest
class StockReservationIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private static final String MALFORMED = "{\"type\": \"OrderPlaced\", this is not JSON";

	private static final JsonMapper json = JsonMapper.shared();

	private static OrderEventsTopic topic;

	@Autowired
	private StockManagement stock;

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
	void deadLettersAMalformedRecordAndCarriesOn() {
		String sku = newProduct(10);
		UUID orderId = UUID.randomUUID();

		topic.send(orderId, MALFORMED);
		topic.send(orderId, orderPlaced(orderId, sku + ":1"));

		await().atMost(TIMEOUT)
			.untilAsserted(() -> assertThat(topic.received(OrderEventsTopic.DEAD_LETTER_TOPIC, orderId)).singleElement()
				.extracting(ConsumerRecord::value)
				.isEqualTo(MALFORMED));
		awaitEvent(orderId, "StockReserved");
		assertThat(stockOf(sku)).containsExactly(9, 1);
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

	private String newProduct(int quantity) {
		String sku = "SKU-" + UUID.randomUUID();
		this.stock.createProduct(sku, "Widget", new BigDecimal("4.99"), quantity);
		return sku;
	}

	private List<Integer> stockOf(String sku) {
		Product product = this.stock.product(sku);
		return List.of(product.getAvailable(), product.getReserved());
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
			.filter((record) -> !MALFORMED.equals(record.value()))
			.map((record) -> json.readTree(record.value()))
			.filter((event) -> type.equals(event.path("type").asString("")))
			.toList();
	}

	/**
	 * An {@code OrderPlaced} as order-service writes it; lines given as
	 * {@code "sku:quantity"}.
	 */
	private static String orderPlaced(UUID orderId, String... lines) {
		String linesJson = Arrays.stream(lines)
			.map((line) -> line.split(":"))
			.map((parts) -> """
					{"sku": "%s", "quantity": %s, "unitPrice": 4.99}""".formatted(parts[0], parts[1]))
			.collect(Collectors.joining(", "));
		return """
				{"eventId": "%s", "type": "OrderPlaced", "occurredAt": "%s", "orderId": "%s",
				 "customerEmail": "ada@example.com", "lines": [%s], "total": 4.99}
				""".formatted(UUID.randomUUID(), Instant.now(), orderId, linesJson);
	}

	private static String orderCancelled(UUID orderId) {
		return """
				{"eventId": "%s", "type": "OrderCancelled", "occurredAt": "%s", "orderId": "%s",
				 "customerEmail": "ada@example.com"}
				""".formatted(UUID.randomUUID(), Instant.now(), orderId);
	}

}
