package io.microshop.inventory.stock;

/**
 * Where an order's reservation stands. Only {@link #RESERVED} holds stock.
 */
public enum ReservationStatus {

	/** Every line of the order is held in reserve. */
	RESERVED,

	/**
	 * The order was cancelled, or rejected by order-service; whatever it held went back
	 * to available.
	 */
	RELEASED,

	/** Some line was short, so nothing was reserved. */
	REJECTED

}
