package io.microshop.notification.notifying;

import java.math.BigDecimal;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OrderOutcomeTests {

	private static final UUID ORDER_ID = UUID.fromString("1234abcd-5678-4def-9abc-0123456789ab");

	@Test
	void subjectNamesTheOrderByTheStartOfItsIdAndSaysWhatHappened() {
		assertThat(confirmed().subject()).isEqualTo("Order 1234abcd\u2026 confirmed");
		assertThat(rejected().subject()).isEqualTo("Order 1234abcd\u2026 rejected");
		assertThat(cancelled().subject()).isEqualTo("Order 1234abcd\u2026 cancelled");
	}

	@Test
	void bodyOfAConfirmationGivesTheOrderIdAndTheTotal() {
		assertThat(confirmed().body()).contains(ORDER_ID.toString()).contains("is confirmed").contains("Total: 59.98");
	}

	@Test
	void bodyOfARejectionForLackOfStockSaysSoInWords() {
		assertThat(rejected().body()).contains(ORDER_ID.toString())
			.contains("is rejected")
			.contains("Some items are not in stock in the quantity you ordered.")
			.doesNotContain("INSUFFICIENT_STOCK")
			.doesNotContain("in time");
	}

	@Test
	void bodyOfARejectionForATimedOutReservationSaysTheOrderCouldNotBeConfirmedInTime() {
		assertThat(rejected("RESERVATION_TIMED_OUT").body()).contains(ORDER_ID.toString())
			.contains("is rejected")
			.contains("It could not be confirmed in time.")
			.doesNotContain("RESERVATION_TIMED_OUT")
			.doesNotContain("not in stock");
	}

	@Test
	void bodyOfARejectionForAReasonNotKnownYetGivesTheReasonAsItCame() {
		assertThat(rejected("PAYMENT_DECLINED").body()).contains("is rejected").contains("Reason: PAYMENT_DECLINED");
	}

	@Test
	void bodyOfACancellationGivesTheOrderId() {
		assertThat(cancelled().body()).contains(ORDER_ID.toString()).contains("is cancelled");
	}

	@Test
	void eachOutcomeCallsForItsOwnTypeOfNotification() {
		assertThat(confirmed().type()).isEqualTo(NotificationType.ORDER_CONFIRMED);
		assertThat(rejected().type()).isEqualTo(NotificationType.ORDER_REJECTED);
		assertThat(cancelled().type()).isEqualTo(NotificationType.ORDER_CANCELLED);
	}

	private static OrderOutcome confirmed() {
		return new OrderOutcome.Confirmed(UUID.randomUUID(), ORDER_ID, "ada@example.com", new BigDecimal("59.98"));
	}

	private static OrderOutcome rejected() {
		return rejected("INSUFFICIENT_STOCK");
	}

	private static OrderOutcome rejected(String reason) {
		return new OrderOutcome.Rejected(UUID.randomUUID(), ORDER_ID, "ada@example.com", reason);
	}

	private static OrderOutcome cancelled() {
		return new OrderOutcome.Cancelled(UUID.randomUUID(), ORDER_ID, "ada@example.com");
	}

}
