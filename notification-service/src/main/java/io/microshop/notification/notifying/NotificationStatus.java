package io.microshop.notification.notifying;

/**
 * Where a notification is on its way to the customer.
 */
public enum NotificationStatus {

	/** Recorded, not yet handed to the mail server. */
	PENDING,

	/** Accepted by the mail server. */
	SENT,

	/** The mail server could not be reached or refused the message. */
	FAILED

}
