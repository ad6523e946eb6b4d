package io.microshop.order.messaging;

import io.microshop.messaging.MalformedMessageException;
import io.microshop.order.ordering.OrderManagement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Reads {@code order-events} and hands inventory-service's answers to the order saga.
 * Every other type on the topic (this service's own events among them) is skipped.
 */
@Component
class IncomingEvents {

	private static final Logger logger = LoggerFactory.getLogger(IncomingEvents.class);

	private final JsonMapper json;

	private final OrderManagement orders;

	IncomingEvents(JsonMapper json, OrderManagement orders) {
		this.json = json;
		this.orders = orders;
	}

	@KafkaListener(topics = "${microshop.order-events.topic:order-events}")
	void on(String value) {
		JsonNode event = parse(value);
		switch (event.path("type").asString("")) {
			case "StockReserved" -> {
				StockReserved reserved = read(event, StockReserved.class);
				this.orders.confirm(reserved.eventId(), reserved.orderId());
			}
			case "StockRejected" -> {
				StockRejected rejected = read(event, StockRejected.class);
				this.orders.reject(rejected.eventId(), rejected.orderId(), rejected.reason());
			}
			default -> logger.trace("Skipping event of type '{}'", event.path("type").asString(""));
		}
	}

	private JsonNode parse(String value) {
		if (value == null) {
			throw new MalformedMessageException("Record without a value");
		}
		try {
			JsonNode event = this.json.readTree(value);
			if (!event.isObject()) {
				throw new MalformedMessageException("Event is not a JSON object: " + value);
			}
			return event;
		}
		catch (JacksonException ex) {
			throw new MalformedMessageException("Event is not valid JSON: " + ex.getOriginalMessage(), ex);
		}
	}

	private <T> T read(JsonNode event, Class<T> type) {
		try {
			return this.json.treeToValue(event, type);
		}
		catch (JacksonException ex) {
			throw new MalformedMessageException("Unreadable " + type.getSimpleName() + ": " + ex.getMessage(), ex);
		}
	}

}
