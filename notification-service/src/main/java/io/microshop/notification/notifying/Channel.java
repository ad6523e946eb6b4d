package io.microshop.notification.notifying;

/**
 * How a notification reaches the customer.
 */
public enum Channel {

	EMAIL

}
