package io.microshop.order.ordering.web;

/**
 * A customer named someone else as the customer of an order or a listing, or has no
 * verified email to act as: a 403 problem, and nothing happens.
 */
class ForeignCustomerException extends RuntimeException {

	ForeignCustomerException(String message) {
		super(message);
	}

}
