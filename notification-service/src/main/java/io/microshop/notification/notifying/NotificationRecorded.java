package io.microshop.notification.notifying;

import java.util.UUID;

/**
 * A pending notification is committed and may now be delivered. Published inside the
 * recording transaction; listeners act after it commits.
 *
 * @param notificationId the notification to deliver
 * @param orderId the order it is about
 * @param recipient the customer's email address
 * @param subject the subject line
 * @param body the plain-text body
 */
public record NotificationRecorded(UUID notificationId, UUID orderId, String recipient, String subject, String body) {

	static NotificationRecorded of(Notification notification) {
		return new NotificationRecorded(notification.getId(), notification.getOrderId(), notification.getRecipient(),
				notification.getSubject(), notification.getBody());
	}

}
