package io.microshop.order.ordering.web;

import java.util.Locale;

import io.microshop.security.Caller;

/**
 * Whose orders a caller may place, read, list and cancel (API.md v2): a customer's own,
 * those addressed to the verified email of their token; an admin's, anybody's.
 */
final class Customers {

	private Customers() {
	}

	/**
	 * The customer a call is about.
	 * @param caller who calls
	 * @param named the customer the call names, or {@code null} for the caller
	 * @return the customer's email, in lower case
	 * @throws ForeignCustomerException if a customer names another customer, or the
	 * caller names nobody and has no verified email
	 */
	static String of(Caller caller, String named) {
		if (named == null) {
			return caller.email()
				.orElseThrow(() -> new ForeignCustomerException(
						"Your token carries no verified email: name the customer (customerEmail)."));
		}
		if (!caller.owns(named)) {
			throw new ForeignCustomerException("A customer places, lists and reads only their own orders.");
		}
		return named.toLowerCase(Locale.ROOT);
	}

}
