package io.microshop.order.ordering.web;

import io.swagger.v3.oas.annotations.media.Schema;
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
record OrderResponse(@Schema(example = "0f8b9d3e-5c1a-4e8e-9b7a-2d4c6e8f0a1b") UUID id,
		@Schema(description = "PENDING until stock is reserved for every line (CONFIRMED) or cannot be (REJECTED); "
				+ "CANCELLED on cancel") OrderStatus status,
		@Schema(example = "ada@example.com") String customerEmail, List<Line> lines,
		@Schema(description = "The sum of the lines, two decimals", example = "39.98") BigDecimal total,
		@Schema(description = "Why it was rejected (INSUFFICIENT_STOCK, RESERVATION_TIMED_OUT); null unless REJECTED",
				nullable = true) String rejectionReason,
		Instant createdAt, Instant updatedAt) {

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
	@Schema(name = "OrderLine")
	record Line(@Schema(example = "BOOK-1") String sku, @Schema(example = "2") int quantity,
			@Schema(description = "The price of one unit when the order was placed",
					example = "19.99") BigDecimal unitPrice) {

		Line {
			unitPrice = unitPrice.setScale(2, RoundingMode.UNNECESSARY);
		}

		static Line of(OrderLine line) {
			return new Line(line.sku(), line.quantity(), line.unitPrice());
		}

	}

}
