package io.microshop.inventory.messaging;

import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The order events inventory reads, as JSON strings the way order-service writes them.
 */
final class OrderEvents {

	private OrderEvents() {
	}

	/**
	 * An {@code OrderPlaced}; lines given as {@code "sku:quantity"}.
	 */
	static String orderPlaced(UUID orderId, String... lines) {
		String linesJson = Arrays.stream(lines)
			.map((line) -> line.split(":"))
			.map((parts) -> """
					{"sku": "%s", "quantity": %s, "unitPrice": 4.99}""".formatted(parts[0], parts[1]))
			.collect(Collectors.joining(", "));
		return """
				{"eventId": "%s", "type": "OrderPlaced", "occurredAt": "%s", "orderId": "%s",
				 "customerEmail": "ada@example.com", "lines": [%s], "total": 4.99}
				""".formatted(UUID.randomUUID(), Instant.now(), orderId, linesJson);
	}

	static String orderCancelled(UUID orderId) {
		return """
				{"eventId": "%s", "type": "OrderCancelled", "occurredAt": "%s", "orderId": "%s",
				 "customerEmail": "ada@example.com"}
				""".formatted(UUID.randomUUID(), Instant.now(), orderId);
	}

	static String orderRejected(UUID orderId, String reason) {
		return """
				{"eventId": "%s", "type": "OrderRejected", "occurredAt": "%s", "orderId": "%s",
				 "customerEmail": "ada@example.com", "reason": "%s"}
				""".formatted(UUID.randomUUID(), Instant.now(), orderId, reason);
	}

	/**
	 * A record that is not JSON at all, unique to the order.
	 */
	static String notJson(UUID orderId) {
		return "{\"type\": \"OrderPlaced\", \"orderId\": \"%s\", this is not JSON".formatted(orderId);
	}

	/**
	 * An {@code OrderPlaced} that is valid JSON but has no lines to reserve.
	 */
	static String orderPlacedWithoutLines(UUID orderId) {
		return """
				{"eventId": "%s", "type": "OrderPlaced", "occurredAt": "%s", "orderId": "%s",
				 "customerEmail": "ada@example.com", "lines": [], "total": 0.00}
				""".formatted(UUID.randomUUID(), Instant.now(), orderId);
	}

}
