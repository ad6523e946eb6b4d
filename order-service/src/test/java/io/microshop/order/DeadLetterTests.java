package io.microshop.order;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.UUID;

import io.microshop.messaging.MalformedMessageException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Records the service cannot process, through the running service: they go to its
 * dead-letter topic without holding up the records behind them, are listed by
 * {@code /actuator/deadletters} on the service's own port, and are replayed from there to
 * the topic they came from, once.
 */
@OrderServiceIntegrationTest
class DeadLetterTests {

	private static final Duration PATIENCE = Duration.ofSeconds(20);

	@Autowired
	private RestTestClient http;

	@Autowired
	private InventoryStub inventory;

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
	void aMalformedRecordGoesToTheDeadLetterTopicAndTheNextRecordIsStillProcessed() {
		UUID orderId = this.orders.placeOrder();

		this.orderEvents.send(orderId, "{this is not json");
		this.orderEvents.send(orderId, stockReserved(UUID.randomUUID(), orderId.toString()));

		assertThat(this.orderEvents.awaitDeadLetter(orderId.toString())).isEqualTo("{this is not json");
		this.orders.awaitStatus(orderId, "CONFIRMED");
	}

	@Test
	void aDeadLetterIsListedByTheServiceAndReplayedToItsTopicOnce() {
		UUID orderId = this.orders.placeOrder();
		String poison = stockReserved(UUID.randomUUID(), "not-an-order-id");

		this.orderEvents.send(orderId, poison);
		this.orderEvents.send(orderId, stockReserved(UUID.randomUUID(), orderId.toString()));

		JsonNode deadLetter = awaitListed(orderId, poison, -1);
		assertThat(deadLetter.get("sourceTopic").asString()).isEqualTo(OrderEventsTopic.TOPIC);
		assertThat(deadLetter.get("errorClass").asString()).isEqualTo(MalformedMessageException.class.getName());
		assertThat(deadLetter.get("replayedAt").isNull()).isTrue();
		this.orders.awaitStatus(orderId, "CONFIRMED");
		long id = deadLetter.get("id").asLong();

		JsonNode replayed = replay(id).expectStatus()
			.isOk()
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody();
		replay(id).expectStatus().isNotFound();

		assertThat(replayed.get("id").asLong()).isEqualTo(id);
		assertThat(replayed.get("payload").asString()).isEqualTo(poison);
		assertThat(replayed.get("replayedAt").isNull()).isFalse();
		// back on order-events, verbatim: the service reads it again and, as it is still
		// malformed, gives up on it again, as a new dead letter
		await().atMost(PATIENCE)
			.pollInSameThread()
			.until(() -> this.orderEvents.values(orderId).stream().filter(poison::equals).count() == 2);
		JsonNode again = awaitListed(orderId, poison, id);
		assertThat(again.get("sourceOffset").asLong()).isNotEqualTo(deadLetter.get("sourceOffset").asLong());
		assertThat(listed()).noneMatch((letter) -> letter.get("id").asLong() == id);
		assertThat(this.orders.get(orderId).get("status").asString()).isEqualTo("CONFIRMED");
	}

	// The waiting dead letter of an order's record with the given value, other than the
	// one with the given id
	private JsonNode awaitListed(UUID orderId, String value, long otherThan) {
		await().atMost(PATIENCE).until(() -> listed(orderId, value, otherThan) != null);
		return listed(orderId, value, otherThan);
	}

	private JsonNode listed(UUID orderId, String value, long otherThan) {
		for (JsonNode letter : listed()) {
			if (orderId.toString().equals(letter.get("key").asString())
					&& value.equals(letter.get("payload").asString()) && letter.get("id").asLong() != otherThan) {
				return letter;
			}
		}
		return null;
	}

	private Collection<JsonNode> listed() {
		JsonNode report = this.http.get()
			.uri("/actuator/deadletters")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody();
		return report.get("deadLetters").values();
	}

	private RestTestClient.ResponseSpec replay(long id) {
		return this.http.post().uri("/actuator/deadletters/{id}", id).exchange();
	}

	private static String stockReserved(UUID eventId, String orderId) {
		return """
				{"eventId": "%s", "type": "StockReserved", "occurredAt": "%s", "orderId": "%s"}""".formatted(eventId,
				Instant.now(), orderId);
	}

}
