package io.microshop.order.ordering;

import java.time.Instant;
import java.util.UUID;

/**
 * The customer cancelled an order; whatever stock it holds is to be given back.
 *
 * @param eventId unique per event
 * @param occurredAt when the order was cancelled
 * @param orderId the order
 * @param customerEmail who placed it
 */
public record OrderCancelled(UUID eventId, Instant occurredAt, UUID orderId,
		String customerEmail) implements OrderEvent {

}
