package io.microshop.notification.notifying;

import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;

import com.icegreen.greenmail.util.GreenMail;
import io.microshop.messaging.Inbox;
import io.microshop.notification.NotificationServiceIntegrationTest;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.Pageable;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a redelivered order event does to its notification, whose first delivery the inbox
 * remembers.
 */
@NotificationServiceIntegrationTest
class NotificationManagementTests {

	@Autowired
	private NotificationManagement management;

	@Autowired
	private Notifications notifications;

	@Autowired
	private Inbox inbox;

	@Autowired
	private PlatformTransactionManager transactionManager;

	@Autowired
	private GreenMail mailServer;

	@Test
	void aRedeliveryOfAnEventWhoseNotificationIsStillPendingDeliversItOnce() {
		String customer = "pending-" + UUID.randomUUID() + "@example.com";
		OrderOutcome outcome = new OrderOutcome.Cancelled(UUID.randomUUID(), UUID.randomUUID(), customer);
		// the first delivery committed, but the service stopped before it sent the email
		new TransactionTemplate(this.transactionManager).executeWithoutResult((status) -> {
			assertThat(this.inbox.firstDelivery(outcome.eventId())).isTrue();
			this.notifications.save(Notification.pendingEmail(outcome, Instant.now()));
		});

		this.management.notifyCustomer(outcome);

		assertThat(this.notifications.findByOrderId(outcome.orderId(), Pageable.unpaged())).singleElement()
			.extracting(Notification::getStatus)
			.isEqualTo(NotificationStatus.SENT);
		assertThat(Arrays.stream(this.mailServer.getReceivedMessages()).filter((email) -> isTo(email, customer)))
			.hasSize(1);
	}

	private static boolean isTo(MimeMessage email, String recipient) {
		try {
			return Arrays.stream(email.getAllRecipients()).anyMatch((to) -> to.toString().equals(recipient));
		}
		catch (MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
