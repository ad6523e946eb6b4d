package io.microshop.order.messaging;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.microshop.order.ordering.OrderCancelled;
import io.microshop.order.ordering.OrderConfirmed;
import io.microshop.order.ordering.OrderEvent;
import io.microshop.order.ordering.OrderLine;
import io.microshop.order.ordering.OrderPlaced;
import io.microshop.order.ordering.OrderRejected;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

import org.springframework.kafka.support.serializer.JacksonJsonSerializer;
import org.springframework.test.json.JsonContent;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pins the wire format of the events this service writes (docs/architecture.md), as the
 * producer's serializer writes them: exactly these fields, and no type headers.
 */
class OutgoingEventTests {

	private static final UUID EVENT_ID = UUID.fromString("0b6f8f9e-5d2c-4a55-9d3e-6f1f2b7c8a90");

	private static final UUID ORDER_ID = UUID.fromString("5e0c3a43-3b9a-4c56-8c5e-2f8a1d7b6e21");

	private static final Instant OCCURRED_AT = Instant.parse("2026-11-25T10:15:30.123456Z");

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
		assertWritten(new OrderConfirmed(EVENT_ID, OCCURRED_AT, ORDER_ID, "ada@example.com", new BigDecimal("41.48")),
				"""
						{"eventId": "0b6f8f9e-5d2c-4a55-9d3e-6f1f2b7c8a90", "type": "OrderConfirmed",
						 "occurredAt": "2026-11-25T10:15:30.123456Z",
						 "orderId": "5e0c3a43-3b9a-4c56-8c5e-2f8a1d7b6e21",
						 "customerEmail": "ada@example.com", "total": 41.48}""");
	}

	@Test
	void orderRejectedCarriesTheCustomerAndTheReason() {
		assertWritten(new OrderRejected(EVENT_ID, OCCURRED_AT, ORDER_ID, "ada@example.com", "INSUFFICIENT_STOCK"), """
				{"eventId": "0b6f8f9e-5d2c-4a55-9d3e-6f1f2b7c8a90", "type": "OrderRejected",
				 "occurredAt": "2026-11-25T10:15:30.123456Z", "orderId": "5e0c3a43-3b9a-4c56-8c5e-2f8a1d7b6e21",
				 "customerEmail": "ada@example.com", "reason": "INSUFFICIENT_STOCK"}""");
	}

	@Test
	void orderCancelledCarriesTheCustomer() {
		assertWritten(new OrderCancelled(EVENT_ID, OCCURRED_AT, ORDER_ID, "ada@example.com"), """
				{"eventId": "0b6f8f9e-5d2c-4a55-9d3e-6f1f2b7c8a90", "type": "OrderCancelled",
				 "occurredAt": "2026-11-25T10:15:30.123456Z", "orderId": "5e0c3a43-3b9a-4c56-8c5e-2f8a1d7b6e21",
				 "customerEmail": "ada@example.com"}""");
	}

	private static void assertWritten(OrderEvent event, String expected) {
		RecordHeaders headers = new RecordHeaders();
		String written = new String(serializer().serialize("order-events", headers, OutgoingEvent.of(event)),
				StandardCharsets.UTF_8);
		assertThat(new JsonContent(written)).isStrictlyEqualTo(expected);
		assertThat(headers.toArray()).isEmpty();
	}

	// Configured as application.yml configures the producer
	private static JacksonJsonSerializer<Object> serializer() {
		JacksonJsonSerializer<Object> serializer = new JacksonJsonSerializer<>();
		serializer.configure(Map.of(JacksonJsonSerializer.ADD_TYPE_INFO_HEADERS, false), false);
		return serializer;
	}

}
