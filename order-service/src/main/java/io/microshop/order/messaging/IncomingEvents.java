package io.microshop.order.messaging;

import io.microshop.messaging.EventDispatcher;
import io.microshop.order.ordering.OrderManagement;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.messaging.handler.annotation.Payload;
import org.springframework.stereotype.Component;

/**
 * Reads the events topic and hands inventory-service's answers to the order saga. Every
 * other type on the topic (this service's own events among them) is skipped; a record
 * that is not a readable event, one without a value included, is dead-lettered.
 */
@Component
class IncomingEvents {

	private final EventDispatcher events;

	IncomingEvents(EventDispatcher.Builder events, OrderManagement orders) {
		this.events = events
			.on("StockReserved", StockReserved.class,
					(reserved) -> orders.confirm(reserved.eventId(), reserved.orderId()))
			.on("StockRejected", StockRejected.class,
					(rejected) -> orders.reject(rejected.eventId(), rejected.orderId(), rejected.reason()))
			.build();
	}

	// not required: a record without a value reaches the dispatcher, which refuses it
	@KafkaListener(topics = "${microshop.events.topic}")
	void on(@Payload(required = false) String value) {
		this.events.dispatch(value);
	}

}
