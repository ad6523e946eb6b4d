package io.microshop.inventory.stock.web;

import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.math.RoundingMode;

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
record ProductResponse(@Schema(example = "BOOK-1") String sku,
		@Schema(example = "The Pragmatic Programmer") String name, @Schema(example = "19.99") BigDecimal price,
		@Schema(description = "What can still be ordered", example = "98") int available,
		@Schema(description = "What is held for orders that are not cancelled", example = "2") int reserved) {

	ProductResponse {
		// money always with two decimals, whatever scale the database driver hands back
		price = price.setScale(2, RoundingMode.UNNECESSARY);
	}

	static ProductResponse of(Product product) {
		return new ProductResponse(product.getSku(), product.getName(), product.getPrice(), product.getAvailable(),
				product.getReserved());
	}

}
