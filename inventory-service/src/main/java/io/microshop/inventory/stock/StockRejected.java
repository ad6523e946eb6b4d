package io.microshop.inventory.stock;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An order could not be reserved in full, so nothing was reserved for it.
 *
 * @param eventId unique per event, so consumers can recognise a redelivery
 * @param occurredAt when the order was rejected
 * @param orderId the rejected order
 * @param reason why, {@link #INSUFFICIENT_STOCK} being the only reason so far
 * @param skus the skus that were short (or unknown), in sku order
 */
public record StockRejected(UUID eventId, Instant occurredAt, UUID orderId, String reason, List<String> skus) {

	/**
	 * Some line asked for more than was available, or for a product that does not exist.
	 */
	public static final String INSUFFICIENT_STOCK = "INSUFFICIENT_STOCK";

	public StockRejected {
		skus = List.copyOf(skus);
	}

	static StockRejected insufficientStock(UUID orderId, List<String> skus) {
		return new StockRejected(UUID.randomUUID(), Instant.now(), orderId, INSUFFICIENT_STOCK, skus);
	}

}
