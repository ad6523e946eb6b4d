package io.microshop.order.messaging;

import java.util.UUID;

import io.microshop.messaging.EventDispatcher;
import io.microshop.messaging.MalformedMessageException;
import io.microshop.order.ordering.OrderManagement;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.mock;

/**
 * Pins the wire format of the events this service reads (docs/architecture.md): it reads
 * only the fields it needs, ignores the others and skips the types it does not handle.
 */
class IncomingEventsTests {

	private static final UUID EVENT_ID = UUID.fromString("0b6f8f9e-5d2c-4a55-9d3e-6f1f2b7c8a90");

	private static final UUID ORDER_ID = UUID.fromString("5e0c3a43-3b9a-4c56-8c5e-2f8a1d7b6e21");

	private final OrderManagement orders = mock();

	private final IncomingEvents events = new IncomingEvents(EventDispatcher.reading(JsonMapper.builder().build()),
			this.orders);

	@Test
	void stockReservedConfirmsTheOrder() {
		this.events.on("""
				{"eventId": "0b6f8f9e-5d2c-4a55-9d3e-6f1f2b7c8a90", "type": "StockReserved",
				 "occurredAt": "2026-11-25T10:15:30.123Z", "orderId": "5e0c3a43-3b9a-4c56-8c5e-2f8a1d7b6e21",
				 "somethingNew": {"nested": true}}""");

		then(this.orders).should().confirm(EVENT_ID, ORDER_ID);
	}

	@Test
	void stockRejectedRejectsTheOrderWithTheReason() {
		this.events.on("""
				{"eventId": "0b6f8f9e-5d2c-4a55-9d3e-6f1f2b7c8a90", "type": "StockRejected",
				 "occurredAt": "2026-11-25T10:15:30.123Z", "orderId": "5e0c3a43-3b9a-4c56-8c5e-2f8a1d7b6e21",
				 "reason": "INSUFFICIENT_STOCK", "skus": ["BOOK-1"]}""");

		then(this.orders).should().reject(EVENT_ID, ORDER_ID, "INSUFFICIENT_STOCK");
	}

	@Test
	void stockRejectedWithoutAReasonMeansInsufficientStock() {
		this.events.on("""
				{"eventId": "0b6f8f9e-5d2c-4a55-9d3e-6f1f2b7c8a90", "type": "StockRejected",
				 "orderId": "5e0c3a43-3b9a-4c56-8c5e-2f8a1d7b6e21"}""");

		then(this.orders).should().reject(EVENT_ID, ORDER_ID, "INSUFFICIENT_STOCK");
	}

	@Test
	void otherTypesAreSkipped() {
		this.events.on("""
				{"eventId": "0b6f8f9e-5d2c-4a55-9d3e-6f1f2b7c8a90", "type": "OrderPlaced",
				 "orderId": "5e0c3a43-3b9a-4c56-8c5e-2f8a1d7b6e21", "customerEmail": "ada@example.com"}""");
		this.events.on("""
				{"eventId": "0b6f8f9e-5d2c-4a55-9d3e-6f1f2b7c8a90", "type": "SomethingElse"}""");

		then(this.orders).shouldHaveNoInteractions();
	}

	@Test
	void invalidJsonIsMalformed() {
		assertThatExceptionOfType(MalformedMessageException.class).isThrownBy(() -> this.events.on("{not json"));
		assertThatExceptionOfType(MalformedMessageException.class).isThrownBy(() -> this.events.on("[1, 2]"));
		assertThatExceptionOfType(MalformedMessageException.class).isThrownBy(() -> this.events.on(null));
	}

	@Test
	void aStockEventWithoutItsIdsIsMalformed() {
		assertThatExceptionOfType(MalformedMessageException.class).isThrownBy(() -> this.events.on("""
				{"type": "StockReserved", "orderId": "5e0c3a43-3b9a-4c56-8c5e-2f8a1d7b6e21"}"""));
		assertThatExceptionOfType(MalformedMessageException.class).isThrownBy(() -> this.events.on("""
				{"type": "StockRejected", "eventId": "0b6f8f9e-5d2c-4a55-9d3e-6f1f2b7c8a90", "orderId": "nope"}"""));
		then(this.orders).shouldHaveNoInteractions();
	}

}
