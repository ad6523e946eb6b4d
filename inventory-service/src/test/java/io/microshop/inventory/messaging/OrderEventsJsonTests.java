package io.microshop.inventory.messaging;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.microshop.inventory.stock.ReservationLine;
import io.microshop.inventory.stock.StockManagement;
import io.microshop.inventory.stock.StockRejected;
import io.microshop.inventory.stock.StockReserved;
import io.microshop.messaging.EventDispatcher;
import io.microshop.messaging.MalformedMessageException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.json.JsonTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;

/**
 * Pins the wire format of the events inventory reads and writes (docs/architecture.md,
 * "Events"), with the application's JSON mapper: the one the listener reads with and the
 * outbox writes with; and which use case the listener hands each event to.
 */
@JsonTest
class OrderEventsJsonTests {

	private static final UUID EVENT_ID = UUID.fromString("0b6f4c52-1d0e-4a39-9d8f-3c1f5b2a7e10");

	private static final UUID ORDER_ID = UUID.fromString("6a1c1a5e-8c8b-4a53-9f0a-0d3c1e2b4f55");

	private static final Instant OCCURRED_AT = Instant.parse("2026-11-25T10:15:30.123Z");

	@Autowired
	private JsonMapper jsonMapper;

	@Test
	void readsTheLinesOfAnOrderPlacedAndIgnoresWhatItDoesNotNeed() {
		OrderPlacedMessage event = this.jsonMapper.readValue("""
				{"eventId": "%s", "type": "OrderPlaced", "occurredAt": "2026-11-25T10:15:30.123Z",
				 "orderId": "%s", "customerEmail": "ada@example.com", "total": 59.80,
				 "lines": [{"sku": "KB-1", "quantity": 2, "unitPrice": 29.90}], "addedLater": {"x": 1}}
				""".formatted(EVENT_ID, ORDER_ID), OrderPlacedMessage.class);

		assertThat(event.eventId()).isEqualTo(EVENT_ID);
		assertThat(event.orderId()).isEqualTo(ORDER_ID);
		assertThat(event.reservationLines()).containsExactly(new ReservationLine("KB-1", 2));
	}

	@Test
	void readsTheIdsOfAnOrderCancelled() {
		OrderCancelledMessage event = this.jsonMapper.readValue("""
				{"eventId": "%s", "type": "OrderCancelled", "occurredAt": "2026-11-25T10:15:30.123Z",
				 "orderId": "%s", "customerEmail": "ada@example.com"}
				""".formatted(EVENT_ID, ORDER_ID), OrderCancelledMessage.class);

		assertThat(event).isEqualTo(new OrderCancelledMessage(EVENT_ID, ORDER_ID));
	}

	@Test
	void readsTheIdsOfAnOrderRejected() {
		OrderRejectedMessage event = this.jsonMapper.readValue("""
				{"eventId": "%s", "type": "OrderRejected", "occurredAt": "2026-11-25T10:15:30.123Z",
				 "orderId": "%s", "customerEmail": "ada@example.com", "reason": "RESERVATION_TIMED_OUT"}
				""".formatted(EVENT_ID, ORDER_ID), OrderRejectedMessage.class);

		assertThat(event).isEqualTo(new OrderRejectedMessage(EVENT_ID, ORDER_ID, "RESERVATION_TIMED_OUT"));
	}

	@Test
	void refusesAnOrderPlacedWithoutLines() {
		assertThatExceptionOfType(JacksonException.class).isThrownBy(() -> this.jsonMapper.readValue("""
				{"eventId": "%s", "type": "OrderPlaced", "orderId": "%s", "lines": []}
				""".formatted(EVENT_ID, ORDER_ID), OrderPlacedMessage.class))
			.withRootCauseInstanceOf(MalformedMessageException.class);
	}

	@Test
	void refusesAnOrderPlacedLineWithoutAPositiveQuantity() {
		assertThatExceptionOfType(JacksonException.class).isThrownBy(() -> this.jsonMapper.readValue("""
				{"eventId": "%s", "type": "OrderPlaced", "orderId": "%s", "lines": [{"sku": "KB-1"}]}
				""".formatted(EVENT_ID, ORDER_ID), OrderPlacedMessage.class))
			.withRootCauseInstanceOf(MalformedMessageException.class);
	}

	@Test
	void refusesAnOrderCancelledWithoutAnEventId() {
		assertThatExceptionOfType(JacksonException.class).isThrownBy(() -> this.jsonMapper.readValue("""
				{"type": "OrderCancelled", "orderId": "%s"}
				""".formatted(ORDER_ID), OrderCancelledMessage.class))
			.withRootCauseInstanceOf(MalformedMessageException.class);
	}

	@Test
	void refusesAnOrderRejectedWithoutAnOrderId() {
		assertThatExceptionOfType(JacksonException.class).isThrownBy(() -> this.jsonMapper.readValue("""
				{"eventId": "%s", "type": "OrderRejected", "reason": "RESERVATION_TIMED_OUT"}
				""".formatted(EVENT_ID), OrderRejectedMessage.class))
			.withRootCauseInstanceOf(MalformedMessageException.class);
	}

	@Test
	void handsAnOrderPlacedToTheReservationOfItsLines() {
		StockManagement stock = mock(StockManagement.class);

		new OrderEventsListener(EventDispatcher.reading(this.jsonMapper), stock).on(record("""
				{"eventId": "%s", "type": "OrderPlaced", "orderId": "%s",
				 "lines": [{"sku": "KB-1", "quantity": 2}, {"sku": "MS-2", "quantity": 1}]}
				""".formatted(EVENT_ID, ORDER_ID)));

		then(stock).should()
			.reserve(EVENT_ID, ORDER_ID, List.of(new ReservationLine("KB-1", 2), new ReservationLine("MS-2", 1)));
	}

	@Test
	void handsAnOrderCancelledAndAnOrderRejectedToARelease() {
		StockManagement stock = mock(StockManagement.class);
		OrderEventsListener listener = new OrderEventsListener(EventDispatcher.reading(this.jsonMapper), stock);
		UUID rejectedEventId = UUID.randomUUID();

		listener.on(record("""
				{"eventId": "%s", "type": "OrderCancelled", "orderId": "%s"}
				""".formatted(EVENT_ID, ORDER_ID)));
		listener.on(record("""
				{"eventId": "%s", "type": "OrderRejected", "orderId": "%s", "reason": "RESERVATION_TIMED_OUT"}
				""".formatted(rejectedEventId, ORDER_ID)));

		then(stock).should().release(EVENT_ID, ORDER_ID);
		then(stock).should().release(rejectedEventId, ORDER_ID);
	}

	@Test
	void skipsTheEventsOfOtherServices() {
		StockManagement stock = mock(StockManagement.class);

		new OrderEventsListener(EventDispatcher.reading(this.jsonMapper), stock).on(record("""
				{"eventId": "%s", "type": "StockReserved", "orderId": "%s"}
				""".formatted(EVENT_ID, ORDER_ID)));

		verifyNoInteractions(stock);
	}

	@Test
	void refusesARecordWithoutAValueOrAnEventMissingWhatInventoryNeedsAsMalformed() {
		StockManagement stock = mock(StockManagement.class);
		OrderEventsListener listener = new OrderEventsListener(EventDispatcher.reading(this.jsonMapper), stock);

		assertThatExceptionOfType(MalformedMessageException.class).isThrownBy(() -> listener.on(record(null)));
		assertThatExceptionOfType(MalformedMessageException.class).isThrownBy(() -> listener.on(record("""
				{"eventId": "%s", "type": "OrderPlaced", "orderId": "%s", "lines": []}
				""".formatted(EVENT_ID, ORDER_ID))));
		assertThatExceptionOfType(MalformedMessageException.class).isThrownBy(() -> listener.on(record("""
				{"type": "OrderCancelled", "orderId": "%s"}
				""".formatted(ORDER_ID))));
		verifyNoInteractions(stock);
	}

	@Test
	void writesStockReservedWithExactlyTheCommonFields() {
		JsonNode json = written(StockReservedMessage.of(new StockReserved(EVENT_ID, OCCURRED_AT, ORDER_ID)));

		assertThat(json.propertyNames()).containsExactly("eventId", "type", "occurredAt", "orderId");
		assertThat(json.get("eventId").asString()).isEqualTo(EVENT_ID.toString());
		assertThat(json.get("type").asString()).isEqualTo("StockReserved");
		assertThat(json.get("occurredAt").asString()).isEqualTo("2026-11-25T10:15:30.123Z");
		assertThat(json.get("orderId").asString()).isEqualTo(ORDER_ID.toString());
	}

	@Test
	void writesStockRejectedWithTheReasonAndTheShortSkus() {
		JsonNode json = written(StockRejectedMessage
			.of(new StockRejected(EVENT_ID, OCCURRED_AT, ORDER_ID, "INSUFFICIENT_STOCK", List.of("KB-1", "MS-2"))));

		assertThat(json.propertyNames()).containsExactly("eventId", "type", "occurredAt", "orderId", "reason", "skus");
		assertThat(json.get("type").asString()).isEqualTo("StockRejected");
		assertThat(json.get("occurredAt").asString()).isEqualTo("2026-11-25T10:15:30.123Z");
		assertThat(json.get("reason").asString()).isEqualTo("INSUFFICIENT_STOCK");
		assertThat(json.get("skus").values()).extracting(JsonNode::asString).containsExactly("KB-1", "MS-2");
	}

	private static ConsumerRecord<String, String> record(String value) {
		return new ConsumerRecord<>("order-events", 0, 0, ORDER_ID.toString(), value);
	}

	/**
	 * Serialises the way the outbox does: with the application's JSON mapper, to the
	 * string that becomes the record value.
	 */
	private JsonNode written(Object message) {
		return this.jsonMapper.readTree(this.jsonMapper.writeValueAsString(message));
	}

}
