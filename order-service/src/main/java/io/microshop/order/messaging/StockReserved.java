package io.microshop.order.messaging;

import java.util.Objects;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * Inventory-service reserved every line of an order: the fields of its event that this
 * service reads.
 *
 * @param eventId unique per event
 * @param orderId the order
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record StockReserved(UUID eventId, UUID orderId) {

	StockReserved {
		Objects.requireNonNull(eventId, "'eventId' is missing");
		Objects.requireNonNull(orderId, "'orderId' is missing");
	}

}
