package io.microshop.order.ordering;

import java.math.BigDecimal;
import java.math.RoundingMode;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/**
 * One line of an order, priced when the order was placed: later price changes in the
 * inventory do not touch it.
 *
 * @param sku the product
 * @param quantity how many, at least one
 * @param unitPrice the price of one unit when the order was placed
 */
@Embeddable
public record OrderLine(@Column(nullable = false) String sku, @Column(nullable = false) int quantity,
		@Column(nullable = false, precision = 12, scale = 2) BigDecimal unitPrice) {

	public OrderLine {
		if (sku == null || sku.isBlank()) {
			throw new IllegalArgumentException("An order line needs a sku");
		}
		if (quantity <= 0) {
			throw new IllegalArgumentException("An order line needs a positive quantity");
		}
		if (unitPrice == null || unitPrice.signum() < 0) {
			throw new IllegalArgumentException("An order line needs a unit price");
		}
		unitPrice = unitPrice.setScale(2, RoundingMode.HALF_UP);
	}

	BigDecimal amount() {
		return this.unitPrice.multiply(BigDecimal.valueOf(this.quantity));
	}

}
