package io.microshop.notification.messaging;

import java.math.BigDecimal;
import java.util.UUID;

import io.microshop.messaging.EventDispatcher;
import io.microshop.messaging.MalformedMessageException;
import io.microshop.notification.notifying.NotificationManagement;
import io.microshop.notification.notifying.OrderOutcome;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.json.JsonTest;

import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;

/**
 * Pins the wire format of the order events this service reads (docs/architecture.md),
 * read by its listener with the application's own {@link JsonMapper}, and the outcome
 * each one is handed on as.
 */
@JsonTest
class OrderEventsJsonTests {

	private static final UUID EVENT_ID = UUID.fromString("7d0e7c52-2a51-4c57-9a57-1a3e6d1c8f01");

	private static final UUID ORDER_ID = UUID.fromString("1234abcd-5678-4def-9abc-0123456789ab");

	@Autowired
	private JsonMapper jsonMapper;

	private final NotificationManagement notifications = mock(NotificationManagement.class);

	private OrderEventsListener listener;

	@BeforeEach
	void createListener() {
		this.listener = new OrderEventsListener(EventDispatcher.reading(this.jsonMapper), this.notifications);
	}

	@Test
	void readsOrderConfirmed() {
		String json = """
				{"eventId": "7d0e7c52-2a51-4c57-9a57-1a3e6d1c8f01", "type": "OrderConfirmed",
				 "occurredAt": "2026-11-25T10:15:30.123Z", "orderId": "1234abcd-5678-4def-9abc-0123456789ab",
				 "customerEmail": "ada@example.com", "total": 59.98}""";

		read(json);

		then(this.notifications).should()
			.notifyCustomer(new OrderOutcome.Confirmed(EVENT_ID, ORDER_ID, "ada@example.com", new BigDecimal("59.98")));
	}

	@ParameterizedTest
	@ValueSource(strings = { "INSUFFICIENT_STOCK", "RESERVATION_TIMED_OUT" })
	void readsOrderRejected(String reason) {
		String json = """
				{"eventId": "7d0e7c52-2a51-4c57-9a57-1a3e6d1c8f01", "type": "OrderRejected",
				 "occurredAt": "2026-11-25T10:15:30.123Z", "orderId": "1234abcd-5678-4def-9abc-0123456789ab",
				 "customerEmail": "ada@example.com", "reason": "%s"}""".formatted(reason);

		read(json);

		then(this.notifications).should()
			.notifyCustomer(new OrderOutcome.Rejected(EVENT_ID, ORDER_ID, "ada@example.com", reason));
	}

	@Test
	void readsOrderCancelled() {
		String json = """
				{"eventId": "7d0e7c52-2a51-4c57-9a57-1a3e6d1c8f01", "type": "OrderCancelled",
				 "occurredAt": "2026-11-25T10:15:30.123Z", "orderId": "1234abcd-5678-4def-9abc-0123456789ab",
				 "customerEmail": "ada@example.com"}""";

		read(json);

		then(this.notifications).should()
			.notifyCustomer(new OrderOutcome.Cancelled(EVENT_ID, ORDER_ID, "ada@example.com"));
	}

	@Test
	void ignoresFieldsItDoesNotNeed() {
		String json = """
				{"eventId": "7d0e7c52-2a51-4c57-9a57-1a3e6d1c8f01", "type": "OrderConfirmed",
				 "occurredAt": "2026-11-25T10:15:30.123Z", "orderId": "1234abcd-5678-4def-9abc-0123456789ab",
				 "customerEmail": "ada@example.com", "total": 59.98, "schemaVersion": 2,
				 "lines": [{"sku": "MUG-1", "quantity": 2, "unitPrice": 29.99}]}""";

		read(json);

		then(this.notifications).should().notifyCustomer(any(OrderOutcome.Confirmed.class));
	}

	@Test
	void skipsEventsThatCallForNoNotification() {
		String orderPlaced = """
				{"eventId": "7d0e7c52-2a51-4c57-9a57-1a3e6d1c8f01", "type": "OrderPlaced",
				 "occurredAt": "2026-11-25T10:15:30.123Z", "orderId": "1234abcd-5678-4def-9abc-0123456789ab",
				 "customerEmail": "ada@example.com", "lines": [{"sku": "MUG-1", "quantity": 2}], "total": 59.98}""";
		String stockReserved = """
				{"eventId": "7d0e7c52-2a51-4c57-9a57-1a3e6d1c8f01", "type": "StockReserved",
				 "occurredAt": "2026-11-25T10:15:30.123Z", "orderId": "1234abcd-5678-4def-9abc-0123456789ab"}""";

		read(orderPlaced);
		read(stockReserved);

		verifyNoInteractions(this.notifications);
	}

	@ParameterizedTest
	@ValueSource(strings = { "{not json", "[1, 2]", "\"OrderConfirmed\"", "{\"orderId\": \"x\"}",
			"{\"type\": \"OrderConfirmed\", \"orderId\": \"1234abcd-5678-4def-9abc-0123456789ab\","
					+ " \"customerEmail\": \"ada@example.com\", \"total\": 59.98}",
			"{\"type\": \"OrderRejected\", \"eventId\": \"not-a-uuid\","
					+ " \"orderId\": \"1234abcd-5678-4def-9abc-0123456789ab\", \"customerEmail\": \"ada@example.com\","
					+ " \"reason\": \"INSUFFICIENT_STOCK\"}",
			"{\"type\": \"OrderCancelled\", \"eventId\": \"7d0e7c52-2a51-4c57-9a57-1a3e6d1c8f01\","
					+ " \"orderId\": \"1234abcd-5678-4def-9abc-0123456789ab\", \"customerEmail\": \" \"}",
			"{\"type\": \"OrderCancelled\", \"eventId\": \"7d0e7c52-2a51-4c57-9a57-1a3e6d1c8f01\","
					+ " \"customerEmail\": \"ada@example.com\"}",
			"{\"type\": \"OrderConfirmed\", \"eventId\": \"7d0e7c52-2a51-4c57-9a57-1a3e6d1c8f01\","
					+ " \"orderId\": \"1234abcd-5678-4def-9abc-0123456789ab\", \"customerEmail\": \"ada@example.com\"}",
			"{\"type\": \"OrderRejected\", \"eventId\": \"7d0e7c52-2a51-4c57-9a57-1a3e6d1c8f01\","
					+ " \"orderId\": \"1234abcd-5678-4def-9abc-0123456789ab\", \"customerEmail\": \"ada@example.com\"}",
			"{\"type\": \"OrderRejected\", \"eventId\": \"7d0e7c52-2a51-4c57-9a57-1a3e6d1c8f01\","
					+ " \"orderId\": \"1234abcd-5678-4def-9abc-0123456789ab\", \"reason\": \"INSUFFICIENT_STOCK\"}" })
	void refusesValuesThatAreNotReadableOrderEvents(String json) {
		assertThatExceptionOfType(MalformedMessageException.class).isThrownBy(() -> read(json));
		verifyNoInteractions(this.notifications);
	}

	@Test
	void refusesARecordWithoutValue() {
		assertThatExceptionOfType(MalformedMessageException.class).isThrownBy(() -> read(null));
		verifyNoInteractions(this.notifications);
	}

	/**
	 * Hands the listener a record of the events topic with this value.
	 */
	private void read(String value) {
		this.listener.on(new ConsumerRecord<>("order-events", 0, 0, ORDER_ID.toString(), value));
	}

}
