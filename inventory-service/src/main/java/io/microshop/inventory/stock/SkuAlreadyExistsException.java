package io.microshop.inventory.stock;

/**
 * A product with the sku of a new product exists already.
 */
public class SkuAlreadyExistsException extends RuntimeException {

	private final String sku;

	public SkuAlreadyExistsException(String sku, Throwable cause) {
		super("A product with sku '%s' already exists".formatted(sku), cause);
		this.sku = sku;
	}

	public String getSku() {
		return this.sku;
	}

}
