package io.microshop.notification.messaging;

import io.microshop.messaging.EventDispatcher;
import io.microshop.messaging.MalformedMessageException;
import io.microshop.notification.notifying.NotificationManagement;
import io.microshop.notification.notifying.OrderOutcome;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * Hands every order outcome on the events topic to the notification use case; the other
 * events on the topic call for no notification and are skipped. A record that can never
 * be processed (no value, not JSON, no type, or an outcome missing a field a notification
 * needs) is a {@link MalformedMessageException}, dead-lettered at once.
 */
@Component
class OrderEventsListener {

	private final NotificationManagement notifications;

	private final EventDispatcher events;

	OrderEventsListener(EventDispatcher.Builder events, NotificationManagement notifications) {
		this.notifications = notifications;
		this.events = events.on(OrderConfirmed.TYPE, OrderConfirmed.class, (event) -> notifyCustomer(confirmed(event)))
			.on(OrderRejected.TYPE, OrderRejected.class, (event) -> notifyCustomer(rejected(event)))
			.on(OrderCancelled.TYPE, OrderCancelled.class, (event) -> notifyCustomer(cancelled(event)))
			.build();
	}

	@KafkaListener(topics = "${microshop.events.topic}")
	void on(ConsumerRecord<String, String> record) {
		this.events.dispatch(record.value());
	}

	private void notifyCustomer(OrderOutcome outcome) {
		this.notifications.notifyCustomer(outcome);
	}

	private static OrderOutcome confirmed(OrderConfirmed event) {
		return new OrderOutcome.Confirmed(required(event.eventId(), "eventId"), required(event.orderId(), "orderId"),
				email(event.customerEmail()), required(event.total(), "total"));
	}

	private static OrderOutcome rejected(OrderRejected event) {
		return new OrderOutcome.Rejected(required(event.eventId(), "eventId"), required(event.orderId(), "orderId"),
				email(event.customerEmail()), required(event.reason(), "reason"));
	}

	private static OrderOutcome cancelled(OrderCancelled event) {
		return new OrderOutcome.Cancelled(required(event.eventId(), "eventId"), required(event.orderId(), "orderId"),
				email(event.customerEmail()));
	}

	private static String email(String customerEmail) {
		if (!StringUtils.hasText(customerEmail)) {
			throw new MalformedMessageException("Event has no customerEmail");
		}
		return customerEmail;
	}

	private static <T> T required(T value, String field) {
		if (value == null) {
			throw new MalformedMessageException("Event has no " + field);
		}
		return value;
	}

}
