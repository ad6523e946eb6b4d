package io.microshop.order.messaging;

import io.microshop.messaging.EventsProperties;
import io.microshop.messaging.Outbox;
import io.microshop.order.ordering.OrderEvent;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Writes each order event to the outbox, keyed by the order id so that one order's events
 * stay in order. Spring Data publishes the events of an {@code Order} while saving it,
 * inside the transaction of the change, so the event is stored if and only if the change
 * commits; the outbox relay publishes it to the events topic afterwards.
 */
@Component
class OrderEventOutbox {

	private final Outbox outbox;

	private final String topic;

	OrderEventOutbox(Outbox outbox, EventsProperties events) {
		this.outbox = outbox;
		this.topic = events.topic();
	}

	@EventListener
	void append(OrderEvent event) {
		this.outbox.append(this.topic, event.orderId().toString(), OutgoingEvent.of(event));
	}

}
