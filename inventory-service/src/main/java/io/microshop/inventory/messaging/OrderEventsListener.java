package io.microshop.inventory.messaging;

import io.microshop.inventory.stock.StockManagement;
import io.microshop.messaging.EventDispatcher;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Reads the events topic and turns the order events inventory cares about into stock use
 * cases; the other events on the topic are for other services and skipped. A record that
 * can never be processed (no value, not JSON, no type, or an event missing what inventory
 * needs) is dead-lettered at once by messaging-support's {@link EventDispatcher}.
 */
@Component
class OrderEventsListener {

	private static final Logger logger = LoggerFactory.getLogger(OrderEventsListener.class);

	private final StockManagement stock;

	private final EventDispatcher events;

	OrderEventsListener(EventDispatcher.Builder events, StockManagement stock) {
		this.stock = stock;
		this.events = events.on(OrderPlacedMessage.TYPE, OrderPlacedMessage.class, this::placed)
			.on(OrderCancelledMessage.TYPE, OrderCancelledMessage.class, this::cancelled)
			.on(OrderRejectedMessage.TYPE, OrderRejectedMessage.class, this::rejected)
			.build();
	}

	@KafkaListener(topics = "${microshop.events.topic}")
	void on(ConsumerRecord<String, String> record) {
		this.events.dispatch(record.value());
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
