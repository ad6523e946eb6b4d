package io.microshop.order.ordering;

/**
 * Where an order stands in the saga: {@code PENDING -> CONFIRMED | REJECTED} and
 * {@code PENDING | CONFIRMED -> CANCELLED}.
 */
public enum OrderStatus {

	/**
	 * Placed and priced; waiting for inventory-service to reserve its stock.
	 */
	PENDING,

	/**
	 * Stock for every line is reserved.
	 */
	CONFIRMED,

	/**
	 * Stock for some line could not be reserved, or no answer about it came in time; see
	 * the rejection reason.
	 */
	REJECTED,

	/**
	 * Cancelled by the customer; any reserved stock is given back.
	 */
	CANCELLED

}
