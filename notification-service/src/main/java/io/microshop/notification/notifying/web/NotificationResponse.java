package io.microshop.notification.notifying.web;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.UUID;

import io.microshop.notification.notifying.Channel;
import io.microshop.notification.notifying.Notification;
import io.microshop.notification.notifying.NotificationStatus;
import io.microshop.notification.notifying.NotificationType;

/**
 * A notification as the API shows it; the body stays internal.
 */
@Schema(name = "Notification")
record NotificationResponse(UUID id, @Schema(example = "0f8b9d3e-5c1a-4e8e-9b7a-2d4c6e8f0a1b") UUID orderId,
		NotificationType type, @Schema(example = "ada@example.com") String recipient, Channel channel,
		@Schema(description = "PENDING until the mail is sent (SENT), FAILED when it could not be") NotificationStatus status,
		@Schema(example = "Order 0f8b9d3e… confirmed") String subject, Instant createdAt) {

	static NotificationResponse of(Notification notification) {
		return new NotificationResponse(notification.getId(), notification.getOrderId(), notification.getType(),
				notification.getRecipient(), notification.getChannel(), notification.getStatus(),
				notification.getSubject(), notification.getCreatedAt());
	}

}
