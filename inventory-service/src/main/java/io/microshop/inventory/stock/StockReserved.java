package io.microshop.inventory.stock;

import java.time.Instant;
import java.util.UUID;

/**
 * Every line of an order is now held in reserve.
 *
 * @param eventId unique per event, so consumers can recognise a redelivery
 * @param occurredAt when the stock was reserved
 * @param orderId the order the stock is held for
 */
public record StockReserved(UUID eventId, Instant occurredAt, UUID orderId) {

	static StockReserved of(UUID orderId) {
		return new StockReserved(UUID.randomUUID(), Instant.now(), orderId);
	}

}
