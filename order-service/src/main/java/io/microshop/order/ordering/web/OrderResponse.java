package io.microshop.order.ordering.web;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.microshop.order.ordering.Order;
import io.microshop.order.ordering.OrderLine;
import io.microshop.order.ordering.OrderStatus;

/**
 * An order as the API shows it.
 *
 * @param id the order's id
 * @param status where the order stands
 * @param customerEmail who placed it
 * @param lines what was ordered, at which unit prices
 * @param total the sum of the lines
 * @param rejectionReason why it was rejected; {@code null} unless it was
 * @param createdAt when it was placed
 * @param updatedAt when it last changed
 */
record OrderResponse(UUID id, OrderStatus status, String customerEmail, List<Line> lines, BigDecimal total,
		String rejectionReason, Instant createdAt, Instant updatedAt) {

	OrderResponse {
		// money always with two decimals, whatever scale the database driver hands back
		total = total.setScale(2, RoundingMode.UNNECESSARY);
	}

	static OrderResponse of(Order order) {
		return new OrderResponse(order.getId(), order.getStatus(), order.getCustomerEmail(),
				order.getLines().stream().map(Line::of).toList(), order.getTotal(), order.getRejectionReason(),
				order.getCreatedAt(), order.getUpdatedAt());
	}

	/**
	 * One line of an order.
	 *
	 * @param sku the product
	 * @param quantity how many
	 * @param unitPrice the price of one unit when the order was placed
	 */
	record Line(String sku, int quantity, BigDecimal unitPrice) {

		Line {
			unitPrice = unitPrice.setScale(2, RoundingMode.UNNECESSARY);
		}

		static Line of(OrderLine line) {
			return new Line(line.sku(), line.quantity(), line.unitPrice());
		}

	}

}
