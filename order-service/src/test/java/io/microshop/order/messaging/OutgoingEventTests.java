package io.microshop.order.messaging;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.microshop.order.ordering.OrderCancelled;
import io.microshop.order.ordering.OrderConfirmed;
import io.microshop.order.ordering.OrderEvent;
import io.microshop.order.ordering.OrderLine;
import io.microshop.order.ordering.OrderPlaced;
import io.microshop.order.ordering.OrderRejected;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.json.JsonTest;
import org.springframework.test.json.JsonContent;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pins the wire format of the events this service writes (docs/architecture.md), as the
 * outbox writes them: with the application's JSON mapper, configured as application.yml
 * configures it, exactly these fields. The relay sends them as these strings, without
 * headers.
 */
@JsonTest
class OutgoingEventTests {

	private static final UUID EVENT_ID = UUID.fromString("0b6f8f9e-5d2c-4a55-9d3e-6f1f2b7c8a90");

	private static final UUID ORDER_ID = UUID.fromString("5e0c3a43-3b9a-4c56-8c5e-2f8a1d7b6e21");

	private static final Instant OCCURRED_AT = Instant.parse("2026-11-25T10:15:30.123456Z");

	@Autowired
	private JsonMapper json;

	@Test
	void orderPlacedCarriesTheCustomerTheLinesAndTheTotal() {
		OrderPlaced placed = new OrderPlaced(EVENT_ID, OCCURRED_AT, ORDER_ID, "ada@example.com", List
			.of(new OrderLine("BOOK-1", 2, new BigDecimal("19.99")), new OrderLine("PEN-1", 1, new BigDecimal("1.50"))),
				new BigDecimal("41.48"));

		assertWritten(placed, """
				{"eventId": "0b6f8f9e-5d2c-4a55-9d3e-6f1f2b7c8a90", "type": "OrderPlaced",
				 "occurredAt": "2026-11-25T10:15:30.123456Z", "orderId": "5e0c3a43-3b9a-4c56-8c5e-2f8a1d7b6e21",
				 "customerEmail": "ada@example.com",
				 "lines": [{"sku": "BOOK-1", "quantity": 2}, {"sku": "PEN-1", "quantity": 1}],
				 "total": 41.48}""");
	}

	@Test
	void orderConfirmedCarriesTheCustomerAndTheTotal() {
		assertWritten(new OrderConfirmed(EVENT_ID, OCCURRED_AT, ORDER_ID, "ada@example.com", new BigDecimal("41.48"),
				OCCURRED_AT.minusSeconds(1)), """
						{"eventId": "0b6f8f9e-5d2c-4a55-9d3e-6f1f2b7c8a90", "type": "OrderConfirmed",
						 "occurredAt": "2026-11-25T10:15:30.123456Z",
						 "orderId": "5e0c3a43-3b9a-4c56-8c5e-2f8a1d7b6e21",
						 "customerEmail": "ada@example.com", "total": 41.48}""");
	}

	@Test
	void orderRejectedCarriesTheCustomerAndTheReason() {
		assertWritten(
				new OrderRejected(EVENT_ID, OCCURRED_AT, ORDER_ID, "ada@example.com", "INSUFFICIENT_STOCK",
						OCCURRED_AT.minusSeconds(1)),
				"""
						{"eventId": "0b6f8f9e-5d2c-4a55-9d3e-6f1f2b7c8a90", "type": "OrderRejected",
						 "occurredAt": "2026-11-25T10:15:30.123456Z", "orderId": "5e0c3a43-3b9a-4c56-8c5e-2f8a1d7b6e21",
						 "customerEmail": "ada@example.com", "reason": "INSUFFICIENT_STOCK"}""");
	}

	@Test
	void aTimedOutOrderIsRejectedWithItsOwnReason() {
		assertWritten(new OrderRejected(EVENT_ID, OCCURRED_AT, ORDER_ID, "ada@example.com", "RESERVATION_TIMED_OUT",
				OCCURRED_AT.minusSeconds(300)), """
						{"eventId": "0b6f8f9e-5d2c-4a55-9d3e-6f1f2b7c8a90", "type": "OrderRejected",
						 "occurredAt": "2026-11-25T10:15:30.123456Z",
						 "orderId": "5e0c3a43-3b9a-4c56-8c5e-2f8a1d7b6e21",
						 "customerEmail": "ada@example.com", "reason": "RESERVATION_TIMED_OUT"}""");
	}

	@Test
	void orderCancelledCarriesTheCustomer() {
		assertWritten(new OrderCancelled(EVENT_ID, OCCURRED_AT, ORDER_ID, "ada@example.com"), """
				{"eventId": "0b6f8f9e-5d2c-4a55-9d3e-6f1f2b7c8a90", "type": "OrderCancelled",
				 "occurredAt": "2026-11-25T10:15:30.123456Z", "orderId": "5e0c3a43-3b9a-4c56-8c5e-2f8a1d7b6e21",
				 "customerEmail": "ada@example.com"}""");
	}

	// As OrderEventOutbox hands it to the outbox, which writes it with this mapper
	private void assertWritten(OrderEvent event, String expected) {
		String written = this.json.writeValueAsString(OutgoingEvent.of(event));
		assertThat(new JsonContent(written)).isStrictlyEqualTo(expected);
	}

}
