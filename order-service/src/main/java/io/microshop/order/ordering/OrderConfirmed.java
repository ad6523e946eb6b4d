package io.microshop.order.ordering;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * Stock for every line of an order is reserved.
 *
 * @param eventId unique per event
 * @param occurredAt when the order was confirmed
 * @param orderId the order
 * @param customerEmail who placed it
 * @param total what the order costs
 * @param placedAt when the order was placed (for the saga's metrics; not on the wire)
 */
public record OrderConfirmed(UUID eventId, Instant occurredAt, UUID orderId, String customerEmail, BigDecimal total,
		Instant placedAt) implements OrderEvent {

}
