package io.microshop.notification.messaging;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.microshop.notification.notifying.NotificationManagement;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Hands every order outcome on {@code order-events} to the notification use case.
 */
@Component
class OrderEventsListener {

	private static final Logger logger = LoggerFactory.getLogger(OrderEventsListener.class);

	private final OrderEventReader reader;

	private final NotificationManagement notifications;

	OrderEventsListener(OrderEventReader reader, NotificationManagement notifications) {
		this.reader = reader;
		this.notifications = notifications;
	}

	@KafkaListener(topics = "${microshop.order-events.topic:order-events}")
	void on(ConsumerRecord<String, String> record) {
		this.reader.read(record.value())
			.ifPresentOrElse(this.notifications::notifyCustomer,
					() -> logger.debug("Skipped an event of order {} that calls for no notification (offset {})",
							record.key(), record.offset()));
	}

}
