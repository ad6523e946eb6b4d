package io.microshop.order.messaging;

import io.microshop.order.config.OrderEventsProperties;
import io.microshop.order.ordering.OrderEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Sends each order event to {@code order-events} once the change that raised it is
 * committed, keyed by the order id so that one order's events stay in order. A send that
 * fails after the commit is only logged: the transactional outbox that replaces this
 * relay closes that gap.
 */
@Component
class OrderEventRelay {

	private static final Logger logger = LoggerFactory.getLogger(OrderEventRelay.class);

	private final KafkaTemplate<String, Object> kafka;

	private final String topic;

	OrderEventRelay(KafkaTemplate<String, Object> kafka, OrderEventsProperties properties) {
		this.kafka = kafka;
		this.topic = properties.topic();
	}

	@TransactionalEventListener
	void publish(OrderEvent event) {
		OutgoingEvent outgoing = OutgoingEvent.of(event);
		this.kafka.send(this.topic, event.orderId().toString(), outgoing).whenComplete((result, ex) -> {
			if (ex != null) {
				logger.error("Could not publish {} of order {}", event.getClass().getSimpleName(), event.orderId(), ex);
			}
		});
	}

}
