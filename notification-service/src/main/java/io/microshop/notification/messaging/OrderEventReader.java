package io.microshop.notification.messaging;

import java.util.Optional;

import io.microshop.notification.notifying.OrderOutcome;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * Translates the JSON value of an {@code order-events} record into the order outcome it
 * reports. A tolerant reader: it reads only the fields it needs and ignores event types
 * that call for no notification.
 */
@Component
class OrderEventReader {

	private final JsonMapper jsonMapper;

	OrderEventReader(JsonMapper jsonMapper) {
		this.jsonMapper = jsonMapper;
	}

	/**
	 * Reads one event.
	 * @param json the record value
	 * @return the outcome, or empty for an event type this service does not handle
	 * @throws MalformedEventException if the value is not a readable event
	 */
	Optional<OrderOutcome> read(String json) {
		JsonNode event = parse(json);
		return switch (event.path("type").stringValue("")) {
			case OrderConfirmed.TYPE -> Optional.of(confirmed(convert(event, OrderConfirmed.class)));
			case OrderRejected.TYPE -> Optional.of(rejected(convert(event, OrderRejected.class)));
			case OrderCancelled.TYPE -> Optional.of(cancelled(convert(event, OrderCancelled.class)));
			case "" -> throw new MalformedEventException("Event has no type");
			default -> Optional.empty();
		};
	}

	private JsonNode parse(String json) {
		if (json == null) {
			throw new MalformedEventException("Event has no value");
		}
		try {
			JsonNode event = this.jsonMapper.readTree(json);
			if (!event.isObject()) {
				throw new MalformedEventException("Event is not a JSON object");
			}
			return event;
		}
		catch (JacksonException ex) {
			throw new MalformedEventException("Event is not JSON: " + ex.getOriginalMessage(), ex);
		}
	}

	private <T> T convert(JsonNode event, Class<T> type) {
		try {
			return this.jsonMapper.treeToValue(event, type);
		}
		catch (JacksonException ex) {
			throw new MalformedEventException("Unreadable " + type.getSimpleName() + ": " + ex.getOriginalMessage(),
					ex);
		}
	}

	private OrderOutcome confirmed(OrderConfirmed event) {
		return new OrderOutcome.Confirmed(required(event.eventId(), "eventId"), required(event.orderId(), "orderId"),
				email(event.customerEmail()), required(event.total(), "total"));
	}

	private OrderOutcome rejected(OrderRejected event) {
		return new OrderOutcome.Rejected(required(event.eventId(), "eventId"), required(event.orderId(), "orderId"),
				email(event.customerEmail()), required(event.reason(), "reason"));
	}

	private OrderOutcome cancelled(OrderCancelled event) {
		return new OrderOutcome.Cancelled(required(event.eventId(), "eventId"), required(event.orderId(), "orderId"),
				email(event.customerEmail()));
	}

	private static String email(String customerEmail) {
		if (!StringUtils.hasText(customerEmail)) {
			throw new MalformedEventException("Event has no customerEmail");
		}
		return customerEmail;
	}

	private static <T> T required(T value, String field) {
		if (value == null) {
			throw new MalformedEventException("Event has no " + field);
		}
		return value;
	}

}
