package io.microshop.notification.notifying;

/**
 * The order outcome a notification tells about.
 */
public enum NotificationType {

	ORDER_CONFIRMED, ORDER_REJECTED, ORDER_CANCELLED

}
