package io.microshop.notification.notifying;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import io.microshop.testsupport.ImportTestInfrastructure;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase.Replace;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

@DataJpaTest
@ImportTestInfrastructure
@AutoConfigureTestDatabase(replace = Replace.NONE)
class NotificationsTests {

	private static final Instant MORNING = Instant.parse("2026-11-25T08:00:00Z");

	@Autowired
	private Notifications notifications;

	@Test
	void findsTheNotificationsOfAnOrderOldestFirst() {
		UUID orderId = UUID.randomUUID();
		this.notifications.save(Notification.pendingEmail(cancelled(orderId), MORNING.plusSeconds(60)));
		this.notifications.save(Notification.pendingEmail(confirmed(orderId), MORNING));
		this.notifications.save(Notification.pendingEmail(confirmed(UUID.randomUUID()), MORNING.plusSeconds(30)));

		Page<Notification> page = this.notifications.findByOrderId(orderId,
				PageRequest.of(0, 10, Sort.by("createdAt", "id")));

		assertThat(page.getContent()).extracting(Notification::getType)
			.containsExactly(NotificationType.ORDER_CONFIRMED, NotificationType.ORDER_CANCELLED);
		assertThat(page.getTotalElements()).isEqualTo(2);
	}

	@Test
	void keepsEverythingANotificationRecords() {
		UUID orderId = UUID.randomUUID();
		Notification saved = this.notifications.saveAndFlush(Notification.pendingEmail(confirmed(orderId), MORNING));

		Notification found = this.notifications.findByEventId(saved.getEventId()).orElseThrow();

		assertThat(found).usingRecursiveComparison().isEqualTo(saved);
		assertThat(found.getBody()).contains("Total: 59.98");
	}

	@Test
	void refusesASecondNotificationForTheSameEvent() {
		OrderOutcome outcome = confirmed(UUID.randomUUID());
		this.notifications.saveAndFlush(Notification.pendingEmail(outcome, MORNING));

		assertThatExceptionOfType(DataIntegrityViolationException.class)
			.isThrownBy(() -> this.notifications.saveAndFlush(Notification.pendingEmail(outcome, MORNING)));
	}

	private static OrderOutcome confirmed(UUID orderId) {
		return new OrderOutcome.Confirmed(UUID.randomUUID(), orderId, "ada@example.com", new BigDecimal("59.98"));
	}

	private static OrderOutcome cancelled(UUID orderId) {
		return new OrderOutcome.Cancelled(UUID.randomUUID(), orderId, "ada@example.com");
	}

}
