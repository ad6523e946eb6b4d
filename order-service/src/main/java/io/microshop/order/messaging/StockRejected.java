package io.microshop.order.messaging;

import java.util.Objects;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.microshop.order.ordering.Order;

/**
 * Inventory-service could not reserve some line of an order: the fields of its event that
 * this service reads.
 *
 * @param eventId unique per event
 * @param orderId the order
 * @param reason why; {@code INSUFFICIENT_STOCK} when the event does not say
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record StockRejected(UUID eventId, UUID orderId, String reason) {

	StockRejected {
		Objects.requireNonNull(eventId, "'eventId' is missing");
		Objects.requireNonNull(orderId, "'orderId' is missing");
		reason = (reason != null && !reason.isBlank()) ? reason : Order.INSUFFICIENT_STOCK;
	}

}
