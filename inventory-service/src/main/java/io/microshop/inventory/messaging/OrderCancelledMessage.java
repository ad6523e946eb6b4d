package io.microshop.inventory.messaging;

import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.microshop.messaging.MalformedMessageException;

/**
 * Inventory's reading of an {@code OrderCancelled} event: only the fields it needs,
 * whatever else the event carries.
 *
 * @param eventId the event's unique id
 * @param orderId the order cancelled
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record OrderCancelledMessage(UUID eventId, UUID orderId) {

	static final String TYPE = "OrderCancelled";

	OrderCancelledMessage {
		if (eventId == null || orderId == null) {
			throw new MalformedMessageException("OrderCancelled needs an eventId and an orderId");
		}
	}

}
