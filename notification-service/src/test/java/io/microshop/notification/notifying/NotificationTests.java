package io.microshop.notification.notifying;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class NotificationTests {

	private static final Instant NOW = Instant.parse("2026-11-25T10:15:30.123456789Z");

	@Test
	void startsAsAPendingEmailToTheCustomer() {
		UUID eventId = UUID.randomUUID();
		UUID orderId = UUID.randomUUID();
		Notification notification = Notification
			.pendingEmail(new OrderOutcome.Cancelled(eventId, orderId, "ada@example.com"), NOW);

		assertThat(notification.getStatus()).isEqualTo(NotificationStatus.PENDING);
		assertThat(notification.getChannel()).isEqualTo(Channel.EMAIL);
		assertThat(notification.getType()).isEqualTo(NotificationType.ORDER_CANCELLED);
		assertThat(notification.getEventId()).isEqualTo(eventId);
		assertThat(notification.getOrderId()).isEqualTo(orderId);
		assertThat(notification.getRecipient()).isEqualTo("ada@example.com");
		assertThat(notification.getCreatedAt()).isEqualTo(Instant.parse("2026-11-25T10:15:30.123456Z"));
	}

	@Test
	void isMarkedSentOnce() {
		Notification notification = pending();
		notification.markSent(NOW.plusSeconds(1));

		assertThat(notification.getStatus()).isEqualTo(NotificationStatus.SENT);
		assertThat(notification.getUpdatedAt()).isAfter(notification.getCreatedAt());
		assertThatIllegalStateException().isThrownBy(() -> notification.markSent(NOW));
	}

	@Test
	void cannotBeSentOnceItFailed() {
		Notification notification = pending();
		notification.markFailed(NOW);

		assertThat(notification.getStatus()).isEqualTo(NotificationStatus.FAILED);
		assertThatIllegalStateException().isThrownBy(() -> notification.markSent(NOW));
	}

	private static Notification pending() {
		return Notification
			.pendingEmail(new OrderOutcome.Cancelled(UUID.randomUUID(), UUID.randomUUID(), "ada@example.com"), NOW);
	}

}
