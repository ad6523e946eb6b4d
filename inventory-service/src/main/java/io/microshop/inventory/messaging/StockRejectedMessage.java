package io.microshop.inventory.messaging;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.microshop.inventory.stock.StockRejected;

/**
 * {@code StockRejected} on the wire.
 *
 * @param eventId unique per event
 * @param type always {@value #TYPE}
 * @param occurredAt when the order was rejected
 * @param orderId the rejected order
 * @param reason {@code INSUFFICIENT_STOCK}
 * @param skus the skus that were short
 */
record StockRejectedMessage(UUID eventId, String type, Instant occurredAt, UUID orderId, String reason,
		List<String> skus) {

	static final String TYPE = "StockRejected";

	static StockRejectedMessage of(StockRejected event) {
		return new StockRejectedMessage(event.eventId(), TYPE, event.occurredAt(), event.orderId(), event.reason(),
				event.skus());
	}

}
