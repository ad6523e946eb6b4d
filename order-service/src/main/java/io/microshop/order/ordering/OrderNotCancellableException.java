package io.microshop.order.ordering;

import java.util.UUID;

/**
 * An order in a state that cannot be cancelled (it was rejected, so nothing is held).
 */
public class OrderNotCancellableException extends RuntimeException {

	private final UUID orderId;

	private final OrderStatus status;

	OrderNotCancellableException(UUID orderId, OrderStatus status) {
		super("Order %s is %s and cannot be cancelled".formatted(orderId, status));
		this.orderId = orderId;
		this.status = status;
	}

	public UUID getOrderId() {
		return this.orderId;
	}

	public OrderStatus getStatus() {
		return this.status;
	}

}
