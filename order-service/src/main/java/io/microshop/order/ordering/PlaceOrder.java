package io.microshop.order.ordering;

import java.util.List;

/**
 * A customer's request for an order, before it is priced.
 *
 * @param customerEmail who the order is for: its owner
 * @param lines what, each sku at most once
 * @param placedBy the subject of the token that asks for it, or {@code null} when nobody
 * is known
 */
public record PlaceOrder(String customerEmail, List<Line> lines, String placedBy) {

	public PlaceOrder {
		lines = List.copyOf(lines);
	}

	public PlaceOrder(String customerEmail, List<Line> lines) {
		this(customerEmail, lines, null);
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
