package io.microshop.inventory.messaging;

import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.microshop.messaging.MalformedMessageException;

/**
 * Inventory's reading of an {@code OrderRejected} event: only the fields it needs,
 * whatever else the event carries.
 *
 * @param eventId the event's unique id
 * @param orderId the order rejected
 * @param reason why order-service rejected it, for the log only
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record OrderRejectedMessage(UUID eventId, UUID orderId, String reason) {

	static final String TYPE = "OrderRejected";

	OrderRejectedMessage {
		if (eventId == null || orderId == null) {
			throw new MalformedMessageException("OrderRejected needs an eventId and an orderId");
		}
	}

}
