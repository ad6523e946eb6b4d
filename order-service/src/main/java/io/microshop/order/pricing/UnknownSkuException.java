package io.microshop.order.pricing;

/**
 * An order names a product that inventory-service does not know.
 */
public class UnknownSkuException extends RuntimeException {

	private final String sku;

	public UnknownSkuException(String sku) {
		super("No product with sku '%s'".formatted(sku));
		this.sku = sku;
	}

	public String getSku() {
		return this.sku;
	}

}
