package io.microshop.inventory.messaging;

import java.util.UUID;

import io.microshop.inventory.stock.StockRejected;
import io.microshop.inventory.stock.StockReserved;
import io.microshop.messaging.EventsProperties;
import io.microshop.messaging.Outbox;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Writes the stock events to the outbox for the events topic, keyed by order id so that
 * all events of an order stay in order on one partition. The listeners run synchronously,
 * in the transaction that raised the events, so an event is stored if and only if the
 * stock change it announces commits; the outbox relay publishes it after the commit.
 */
@Component
class StockEventsOutbox {

	private final Outbox outbox;

	private final String topic;

	StockEventsOutbox(Outbox outbox, EventsProperties properties) {
		this.outbox = outbox;
		this.topic = properties.topic();
	}

	@EventListener
	void on(StockReserved event) {
		append(event.orderId(), StockReservedMessage.of(event));
	}

	@EventListener
	void on(StockRejected event) {
		append(event.orderId(), StockRejectedMessage.of(event));
	}

	private void append(UUID orderId, Object message) {
		this.outbox.append(this.topic, orderId.toString(), message);
	}

}
