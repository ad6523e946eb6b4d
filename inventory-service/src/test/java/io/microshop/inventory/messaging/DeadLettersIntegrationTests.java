package io.microshop.inventory.messaging;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.microshop.inventory.InventoryApplicationTest;
import io.microshop.inventory.stock.Product;
import io.microshop.inventory.stock.StockManagement;
import io.microshop.testsupport.TestInfrastructure;
import io.microshop.testidentity.TestIdentityProvider;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;

import static io.microshop.inventory.messaging.OrderEvents.notJson;
import static io.microshop.inventory.messaging.OrderEvents.orderPlaced;
import static io.microshop.inventory.messaging.OrderEvents.orderPlacedWithoutLines;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Records inventory cannot process, through the shared dead-letter wiring: dead-lettered
 * without holding up the records behind them, listed and replayed by an operator over
 * {@code /actuator/deadletters}.
 */
@InventoryApplicationTest
class DeadLettersIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private static final JsonMapper json = JsonMapper.shared();

	private static OrderEventsTopic topic;

	@Autowired
	private StockManagement stock;

	@Autowired
	private MeterRegistry meters;

	@LocalServerPort
	private int port;

	private RestClient http;

	@BeforeEach
	void connect() {
		// here rather than in @BeforeAll: the running application has created the topics
		// by now
		if (topic == null) {
			topic = new OrderEventsTopic(TestInfrastructure.kafkaBootstrapServers());
		}
		// the operator who lists and replays dead letters is the admin
		this.http = RestClient.builder()
			.baseUrl("http://localhost:" + this.port)
			.defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + TestIdentityProvider.get().admin())
			.build();
	}

	@AfterAll
	static void disconnect() {
		if (topic != null) {
			topic.close();
			topic = null;
		}
	}

	@Test
	void deadLettersAMalformedRecordAndCarriesOn() {
		String sku = newProduct(10);
		UUID orderId = UUID.randomUUID();
		String malformed = notJson(orderId);

		topic.send(orderId, malformed);
		topic.send(orderId, orderPlaced(orderId, sku + ":1"));

		await().atMost(TIMEOUT)
			.untilAsserted(() -> assertThat(topic.received(OrderEventsTopic.DEAD_LETTER_TOPIC, orderId)).singleElement()
				.extracting(ConsumerRecord::value)
				.isEqualTo(malformed));
		awaitStockReserved(orderId);
		assertThat(stockOf(sku)).containsExactly(9, 1);
	}

	@Test
	void deadLettersRecordsThatCanNeverBeProcessedWithoutRetrying() {
		UUID orderId = UUID.randomUUID();
		String malformed = notJson(orderId);
		String withoutLines = orderPlacedWithoutLines(orderId);
		long failuresBefore = listenerFailures();

		topic.send(orderId, malformed);
		topic.send(orderId, withoutLines);

		await().atMost(TIMEOUT)
			.untilAsserted(() -> assertThat(topic.received(OrderEventsTopic.DEAD_LETTER_TOPIC, orderId))
				.extracting(ConsumerRecord::value)
				.containsExactly(malformed, withoutLines));
		// one failed attempt each: a retried record fails once more per retry
		assertThat(listenerFailures() - failuresBefore).isEqualTo(2);
	}

	@Test
	void listsAPoisonRecordOverHttpAndReplaysItOnce() {
		String sku = newProduct(10);
		UUID orderId = UUID.randomUUID();
		String poison = notJson(orderId);

		topic.send(orderId, poison);
		topic.send(orderId, orderPlaced(orderId, sku + ":1"));

		JsonNode deadLetter = await().atMost(TIMEOUT)
			.until(() -> waitingDeadLetters(poison), (letters) -> letters.size() == 1)
			.get(0);
		assertThat(deadLetter.get("sourceTopic").asString()).isEqualTo(OrderEventsTopic.TOPIC);
		assertThat(deadLetter.get("key").asString()).isEqualTo(orderId.toString());
		assertThat(deadLetter.get("errorClass").asString()).startsWith("tools.jackson");
		// the record behind the poison one was processed
		awaitStockReserved(orderId);
		assertThat(stockOf(sku)).containsExactly(9, 1);

		long id = deadLetter.get("id").asLong();
		ResponseEntity<String> replayed = this.http.post()
			.uri("/actuator/deadletters/{id}", id)
			.retrieve()
			.toEntity(String.class);

		assertThat(replayed.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(json.readTree(replayed.getBody()).get("replayedAt").isNull()).isFalse();
		assertThatExceptionOfType(HttpClientErrorException.NotFound.class)
			.isThrownBy(() -> this.http.post().uri("/actuator/deadletters/{id}", id).retrieve().toBodilessEntity());
		// the replay went back to order-events once, and the listener, still unable to
		// read it, dead-lettered it again as a new dead letter
		await().atMost(TIMEOUT)
			.until(() -> topic.received(OrderEventsTopic.TOPIC, orderId)
				.stream()
				.filter((record) -> poison.equals(record.value()))
				.count() == 2);
		JsonNode again = await().atMost(TIMEOUT)
			.until(() -> waitingDeadLetters(poison), (letters) -> letters.size() == 1)
			.get(0);
		assertThat(again.get("id").asLong()).isNotEqualTo(id);
		assertThat(again.get("sourceOffset").asLong()).isGreaterThan(deadLetter.get("sourceOffset").asLong());
		assertThat(stockOf(sku)).containsExactly(9, 1);
	}

	/**
	 * The dead letters with the payload that {@code GET /actuator/deadletters} lists as
	 * waiting.
	 */
	private List<JsonNode> waitingDeadLetters(String payload) {
		String body = this.http.get().uri("/actuator/deadletters").retrieve().body(String.class);
		return json.readTree(body)
			.get("deadLetters")
			.values()
			.stream()
			.filter((letter) -> payload.equals(letter.path("payload").asString()))
			.toList();
	}

	/**
	 * How often inventory's order-events listener has failed, whatever the record.
	 */
	private long listenerFailures() {
		return this.meters.find("spring.kafka.listener")
			.tag("result", "failure")
			.timers()
			.stream()
			.filter((timer) -> !timer.getId().getTag("name").startsWith("dead-letter-store"))
			.mapToLong(Timer::count)
			.sum();
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

	private static void awaitStockReserved(UUID orderId) {
		await().atMost(TIMEOUT)
			.until(() -> topic.received(OrderEventsTopic.TOPIC, orderId)
				.stream()
				.anyMatch((record) -> isOfType(record.value(), "StockReserved")));
	}

	private static boolean isOfType(String value, String type) {
		try {
			return type.equals(json.readTree(value).path("type").asString(""));
		}
		catch (JacksonException ex) {
			// one of the records this class sends on purpose
			return false;
		}
	}

}
