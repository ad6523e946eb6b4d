package io.microshop.notification.notifying.web;

import java.time.Instant;
import java.util.UUID;

import io.microshop.notification.notifying.Channel;
import io.microshop.notification.notifying.Notification;
import io.microshop.notification.notifying.NotificationStatus;
import io.microshop.notification.notifying.NotificationType;

/**
 * A notification as the API shows it; the body stays internal.
 */
record NotificationResponse(UUID id, UUID orderId, NotificationType type, String recipient, Channel channel,
		NotificationStatus status, String subject, Instant createdAt) {

	static NotificationResponse of(Notification notification) {
		return new NotificationResponse(notification.getId(), notification.getOrderId(), notification.getType(),
				notification.getRecipient(), notification.getChannel(), notification.getStatus(),
				notification.getSubject(), notification.getCreatedAt());
	}

}
