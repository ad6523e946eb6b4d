package io.microshop.order.ordering;

import java.time.Instant;
import java.util.UUID;

/**
 * Something that happened to an order, registered by the {@link Order} aggregate and
 * published when the order is saved, inside the transaction of the change (to be written
 * to the outbox, which sends it once the change is committed).
 */
public sealed interface OrderEvent permits OrderPlaced, OrderConfirmed, OrderRejected, OrderCancelled {

	/**
	 * Unique per event, so that consumers recognise a redelivery.
	 * @return the event's id
	 */
	UUID eventId();

	Instant occurredAt();

	UUID orderId();

}
