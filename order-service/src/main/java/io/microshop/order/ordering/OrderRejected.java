package io.microshop.order.ordering;

import java.time.Instant;
import java.util.UUID;

/**
 * An order could not be fulfilled.
 *
 * @param eventId unique per event
 * @param occurredAt when the order was rejected
 * @param orderId the order
 * @param customerEmail who placed it
 * @param reason why, e.g. {@code INSUFFICIENT_STOCK}
 * @param placedAt when the order was placed (for the saga's metrics; not on the wire)
 */
public record OrderRejected(UUID eventId, Instant occurredAt, UUID orderId, String customerEmail, String reason,
		Instant placedAt) implements OrderEvent {

}
