package io.microshop.notification.notifying;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.UUID;

/**
 * How an order turned out, as far as the customer must be told; one per order event.
 */
public sealed interface OrderOutcome {

	/** Identifies the event this outcome came from, so redeliveries can be recognised. */
	UUID eventId();

	UUID orderId();

	String customerEmail();

	NotificationType type();

	/** A short word for the order's new status, used in subject and body. */
	String status();

	/**
	 * The line of the body that says why or how much; empty when there is nothing to add.
	 */
	String detail();

	default String subject() {
		return "Order " + orderId().toString().substring(0, 8) + "\u2026 " + status();
	}

	default String body() {
		return """
				Hello,

				your order %s is %s.
				%s
				Thank you for shopping with Microshop.
				""".formatted(orderId(), status(), detail());
	}

	record Confirmed(UUID eventId, UUID orderId, String customerEmail, BigDecimal total) implements OrderOutcome {

		public Confirmed {
			Objects.requireNonNull(total, "total");
		}

		@Override
		public NotificationType type() {
			return NotificationType.ORDER_CONFIRMED;
		}

		@Override
		public String status() {
			return "confirmed";
		}

		@Override
		public String detail() {
			return "Total: " + total.toPlainString() + "\n";
		}

	}

	record Rejected(UUID eventId, UUID orderId, String customerEmail, String reason) implements OrderOutcome {

		public Rejected {
			Objects.requireNonNull(reason, "reason");
		}

		@Override
		public NotificationType type() {
			return NotificationType.ORDER_REJECTED;
		}

		@Override
		public String status() {
			return "rejected";
		}

		/**
		 * Says why in words for the reasons order-service gives; a reason this service
		 * does not know yet is passed on as it came.
		 */
		@Override
		public String detail() {
			return switch (reason) {
				case "INSUFFICIENT_STOCK" -> "Some items are not in stock in the quantity you ordered.\n";
				case "RESERVATION_TIMED_OUT" -> "It could not be confirmed in time. You are welcome to order again.\n";
				default -> "Reason: " + reason + "\n";
			};
		}

	}

	record Cancelled(UUID eventId, UUID orderId, String customerEmail) implements OrderOutcome {

		@Override
		public NotificationType type() {
			return NotificationType.ORDER_CANCELLED;
		}

		@Override
		public String status() {
			return "cancelled";
		}

		@Override
		public String detail() {
			return "";
		}

	}

}
