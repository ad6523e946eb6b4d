package io.microshop.security;

/**
 * The realm's roles (API.md), as the {@code roles} claim carries them.
 */
public final class Roles {

	/**
	 * Places and follows their own orders.
	 */
	public static final String CUSTOMER = "customer";

	/**
	 * Runs the shop.
	 */
	public static final String ADMIN = "admin";

	private Roles() {
	}

}
