package io.microshop.inventory.messaging;

import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.microshop.inventory.stock.ReservationLine;
import io.microshop.messaging.MalformedMessageException;

/**
 * Inventory's reading of an {@code OrderPlaced} event: only the fields it needs, whatever
 * else the event carries.
 *
 * @param eventId the event's unique id
 * @param orderId the order placed
 * @param lines what the order asks for
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record OrderPlacedMessage(UUID eventId, UUID orderId, List<Line> lines) {

	static final String TYPE = "OrderPlaced";

	OrderPlacedMessage {
		if (eventId == null || orderId == null || lines == null || lines.isEmpty()) {
			throw new MalformedMessageException("OrderPlaced needs an eventId, an orderId and lines");
		}
		lines = List.copyOf(lines);
	}

	List<ReservationLine> reservationLines() {
		return this.lines.stream().map((line) -> new ReservationLine(line.sku(), line.quantity())).toList();
	}

	/**
	 * One line of the order.
	 *
	 * @param sku the product ordered
	 * @param quantity how many, at least one
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	record Line(String sku, Integer quantity) {

		Line {
			if (sku == null || sku.isBlank() || quantity == null || quantity <= 0) {
				throw new MalformedMessageException("An OrderPlaced line needs a sku and a positive quantity");
			}
		}

	}

}
