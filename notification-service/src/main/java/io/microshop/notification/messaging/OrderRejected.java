package io.microshop.notification.messaging;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * {@code OrderRejected} as order-service publishes it; only the fields this service
 * reads.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record OrderRejected(UUID eventId, String type, Instant occurredAt, UUID orderId, String customerEmail, String reason) {

	static final String TYPE = "OrderRejected";

}
