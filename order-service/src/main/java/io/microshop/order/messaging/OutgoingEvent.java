package io.microshop.order.messaging;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.microshop.order.ordering.OrderCancelled;
import io.microshop.order.ordering.OrderConfirmed;
import io.microshop.order.ordering.OrderEvent;
import io.microshop.order.ordering.OrderLine;
import io.microshop.order.ordering.OrderPlaced;
import io.microshop.order.ordering.OrderRejected;

/**
 * The order events as they travel on the events topic: the wire format of
 * docs/architecture.md, written as JSON. Kept apart from the domain events so that the
 * format changes only on purpose.
 */
sealed interface OutgoingEvent {

	UUID orderId();

	static OutgoingEvent of(OrderEvent event) {
		return switch (event) {
			case OrderPlaced placed -> Placed.of(placed);
			case OrderConfirmed confirmed -> new Confirmed(confirmed.eventId(), "OrderConfirmed",
					confirmed.occurredAt(), confirmed.orderId(), confirmed.customerEmail(), confirmed.total());
			case OrderRejected rejected -> new Rejected(rejected.eventId(), "OrderRejected", rejected.occurredAt(),
					rejected.orderId(), rejected.customerEmail(), rejected.reason());
			case OrderCancelled cancelled -> new Cancelled(cancelled.eventId(), "OrderCancelled",
					cancelled.occurredAt(), cancelled.orderId(), cancelled.customerEmail());
		};
	}

	record Placed(UUID eventId, String type, Instant occurredAt, UUID orderId, String customerEmail, List<Line> lines,
			BigDecimal total) implements OutgoingEvent {

		static Placed of(OrderPlaced placed) {
			return new Placed(placed.eventId(), "OrderPlaced", placed.occurredAt(), placed.orderId(),
					placed.customerEmail(), placed.lines().stream().map(Line::of).toList(), placed.total());
		}

		record Line(String sku, int quantity) {

			static Line of(OrderLine line) {
				return new Line(line.sku(), line.quantity());
			}

		}

	}

	record Confirmed(UUID eventId, String type, Instant occurredAt, UUID orderId, String customerEmail,
			BigDecimal total) implements OutgoingEvent {

	}

	record Rejected(UUID eventId, String type, Instant occurredAt, UUID orderId, String customerEmail,
			String reason) implements OutgoingEvent {

	}

	record Cancelled(UUID eventId, String type, Instant occurredAt, UUID orderId,
			String customerEmail) implements OutgoingEvent {

	}

}
