package io.microshop.inventory.messaging;

import io.microshop.inventory.stock.StockManagement;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Reads {@code order-events} and turns the events inventory cares about into stock use
 * cases. Malformed JSON and events missing required fields throw, which the error handler
 * sends straight to the dead-letter topic.
 */
@Component
class OrderEventsListener {

	private static final Logger logger = LoggerFactory.getLogger(OrderEventsListener.class);

	private final JsonMapper jsonMapper;

	private final StockManagement stock;

	OrderEventsListener(JsonMapper jsonMapper, StockManagement stock) {
		this.jsonMapper = jsonMapper;
		this.stock = stock;
	}

	@KafkaListener(topics = "${microshop.messaging.topic:order-events}")
	void on(ConsumerRecord<String, String> record) {
		if (record.value() == null) {
			logger.warn("Skipping an order event without a value at offset {}", record.offset());
			return;
		}
		JsonNode event = this.jsonMapper.readTree(record.value());
		String type = event.path("type").asString("");
		switch (type) {
			case OrderPlacedMessage.TYPE -> placed(this.jsonMapper.treeToValue(event, OrderPlacedMessage.class));
			case OrderCancelledMessage.TYPE ->
				cancelled(this.jsonMapper.treeToValue(event, OrderCancelledMessage.class));
			case OrderRejectedMessage.TYPE -> rejected(this.jsonMapper.treeToValue(event, OrderRejectedMessage.class));
			default -> logger.debug("Skipping order event of type '{}'", type);
		}
	}

	private void placed(OrderPlacedMessage event) {
		this.stock.reserve(event.eventId(), event.orderId(), event.reservationLines());
	}

	private void cancelled(OrderCancelledMessage event) {
		this.stock.release(event.eventId(), event.orderId());
	}

	/**
	 * order-service rejects an order that stayed pending too long, which may be after
	 * inventory reserved its stock (its {@code StockReserved} came too late): give it
	 * back as for a cancellation. For an order inventory rejected itself nothing is held,
	 * so nothing changes.
	 */
	private void rejected(OrderRejectedMessage event) {
		logger.debug("Releasing whatever order {} holds: rejected by order-service ({})", event.orderId(),
				event.reason());
		this.stock.release(event.eventId(), event.orderId());
	}

}
