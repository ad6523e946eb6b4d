package io.microshop.inventory.stock;

/**
 * No product has the requested sku.
 */
public class ProductNotFoundException extends RuntimeException {

	private final String sku;

	public ProductNotFoundException(String sku) {
		super("No product with sku '%s'".formatted(sku));
		this.sku = sku;
	}

	public String getSku() {
		return this.sku;
	}

}
