package io.microshop.inventory.stock.web;

import java.math.BigDecimal;

import io.microshop.inventory.stock.Product;

/**
 * A product as the API shows it.
 *
 * @param sku the product's unique id
 * @param name what the product is called
 * @param price the unit price
 * @param available what can still be ordered
 * @param reserved what is held for orders that are not cancelled
 */
record ProductResponse(String sku, String name, BigDecimal price, int available, int reserved) {

	static ProductResponse of(Product product) {
		return new ProductResponse(product.getSku(), product.getName(), product.getPrice(), product.getAvailable(),
				product.getReserved());
	}

}
