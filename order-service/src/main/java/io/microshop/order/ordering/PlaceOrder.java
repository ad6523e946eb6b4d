package io.microshop.order.ordering;

import java.util.List;

/**
 * A customer's request for an order, before it is priced.
 *
 * @param customerEmail who orders
 * @param lines what, each sku at most once
 */
public record PlaceOrder(String customerEmail, List<Line> lines) {

	public PlaceOrder {
		lines = List.copyOf(lines);
	}

	List<String> skus() {
		return this.lines.stream().map(Line::sku).toList();
	}

	/**
	 * One requested line.
	 *
	 * @param sku the product
	 * @param quantity how many
	 */
	public record Line(String sku, int quantity) {

	}

}
