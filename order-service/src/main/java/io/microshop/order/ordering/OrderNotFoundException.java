package io.microshop.order.ordering;

/**
 * No order has the given id (or the id is not even a valid order id).
 */
public class OrderNotFoundException extends RuntimeException {

	public OrderNotFoundException(String orderId) {
		super("No order with id '%s'".formatted(orderId));
	}

}
