package io.microshop.inventory.messaging;

import java.time.Instant;
import java.util.UUID;

import io.microshop.inventory.stock.StockReserved;

/**
 * {@code StockReserved} on the wire.
 *
 * @param eventId unique per event
 * @param type always {@value #TYPE}
 * @param occurredAt when the stock was reserved
 * @param orderId the order the stock is held for
 */
record StockReservedMessage(UUID eventId, String type, Instant occurredAt, UUID orderId) {

	static final String TYPE = "StockReserved";

	static StockReservedMessage of(StockReserved event) {
		return new StockReservedMessage(event.eventId(), TYPE, event.occurredAt(), event.orderId());
	}

}
