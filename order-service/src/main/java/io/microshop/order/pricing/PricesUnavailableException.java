package io.microshop.order.pricing;

/**
 * The prices could not be fetched right now (inventory-service is down, not registered,
 * too slow or failing); the same request may well succeed later.
 */
public class PricesUnavailableException extends RuntimeException {

	public PricesUnavailableException(String sku, Throwable cause) {
		super("The price of '%s' could not be fetched: %s".formatted(sku, cause.getMessage()), cause);
	}

}
