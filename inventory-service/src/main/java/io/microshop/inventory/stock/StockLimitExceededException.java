package io.microshop.inventory.stock;

/**
 * A restock would take a product's total stock beyond what the shop can count
 * (2,147,483,647 units).
 */
public class StockLimitExceededException extends RuntimeException {

	private final String sku;

	public StockLimitExceededException(String sku) {
		super("Restocking '%s' by that much would exceed the stock limit of %d units".formatted(sku,
				Integer.MAX_VALUE));
		this.sku = sku;
	}

	public String getSku() {
		return this.sku;
	}

}
