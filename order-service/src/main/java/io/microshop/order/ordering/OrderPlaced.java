package io.microshop.order.ordering;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An order was placed and priced; its stock is still to be reserved.
 *
 * @param eventId unique per event
 * @param occurredAt when the order was placed
 * @param orderId the order
 * @param customerEmail who placed it
 * @param lines what was ordered, with the prices it was ordered at
 * @param total the sum of the lines
 */
public record OrderPlaced(UUID eventId, Instant occurredAt, UUID orderId, String customerEmail, List<OrderLine> lines,
		BigDecimal total) implements OrderEvent {

	public OrderPlaced {
		lines = List.copyOf(lines);
	}

}
