package io.microshop.inventory.messaging;

import java.util.UUID;

import io.microshop.inventory.stock.StockRejected;
import io.microshop.inventory.stock.StockReserved;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.core.KafkaOperations;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Publishes the stock events to {@code order-events} once the transaction that caused
 * them has committed, keyed by order id so that all events of an order stay in order on
 * one partition. An event whose send fails after the commit is lost; the transactional
 * outbox that replaces this relay closes that gap.
 */
@Component
class StockEventsRelay {

	private static final Logger logger = LoggerFactory.getLogger(StockEventsRelay.class);

	private final KafkaOperations<String, Object> kafka;

	private final String topic;

	StockEventsRelay(KafkaOperations<String, Object> kafka, MessagingProperties properties) {
		this.kafka = kafka;
		this.topic = properties.topic();
	}

	@TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
	void on(StockReserved event) {
		send(event.orderId(), StockReservedMessage.of(event));
	}

	@TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
	void on(StockRejected event) {
		send(event.orderId(), StockRejectedMessage.of(event));
	}

	private void send(UUID orderId, Object message) {
		this.kafka.send(this.topic, orderId.toString(), message).whenComplete((result, ex) -> {
			if (ex != null) {
				logger.error("Could not publish {} for order {}", message, orderId, ex);
			}
		});
	}

}
