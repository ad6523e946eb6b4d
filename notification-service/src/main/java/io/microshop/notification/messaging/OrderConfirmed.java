package io.microshop.notification.messaging;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * {@code OrderConfirmed} as order-service publishes it; only the fields this service
 * reads.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record OrderConfirmed(UUID eventId, String type, Instant occurredAt, UUID orderId, String customerEmail,
		BigDecimal total) {

	static final String TYPE = "OrderConfirmed";

}
