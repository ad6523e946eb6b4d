package io.microshop.notification.mail;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.microshop.notification.notifying.NotificationManagement;
import io.microshop.notification.notifying.NotificationRecorded;

import org.springframework.mail.MailException;
import org.springframework.mail.MailSender;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Emails a notification once the row that records it has committed, so every email has a
 * notification behind it whose status says whether it was sent.
 */
@Component
class EmailDelivery {

	private static final Logger logger = LoggerFactory.getLogger(EmailDelivery.class);

	/**
	 * Jakarta Mail 2.1 looks up its {@code StreamProvider} several times per message,
	 * each time with a {@code ServiceLoader} scan of every jar unless this system
	 * property names the implementation: measured at 22 % of notification-service's CPU
	 * under load (benchmarks/README.md). Named, the lookup loads a known class.
	 */
	private static final String STREAM_PROVIDER_PROPERTY = "jakarta.mail.util.StreamProvider";

	static {
		System.getProperties().putIfAbsent(STREAM_PROVIDER_PROPERTY, "org.eclipse.angus.mail.util.MailStreamProvider");
	}

	private final MailSender mailSender;

	private final NotificationManagement notifications;

	private final NotificationMailProperties properties;

	private final ObservationRegistry observations;

	EmailDelivery(MailSender mailSender, NotificationManagement notifications, NotificationMailProperties properties,
			ObservationRegistry observations) {
		this.mailSender = mailSender;
		this.notifications = notifications;
		this.properties = properties;
		this.observations = observations;
	}

	@TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
	void deliver(NotificationRecorded notification) {
		try {
			// timed, and a span of the order's trace: the listener's span is still
			// current
			Observation.createNotStarted("microshop.notification.email", this.observations)
				.contextualName("email")
				.observe(() -> this.mailSender.send(message(notification)));
		}
		catch (MailException ex) {
			// Not rethrown: the event itself was handled, and a redelivery would not send
			// the email anyway since the notification is no longer pending
			logger.warn("Could not email notification {} to {}: {}", notification.notificationId(),
					notification.recipient(), ex.getMessage());
			this.notifications.markFailed(notification.notificationId());
			return;
		}
		this.notifications.markSent(notification.notificationId());
		// the address stays out of the log
		logger.info("Mailed the customer of order {}: {}", notification.orderId(), notification.subject());
	}

	private SimpleMailMessage message(NotificationRecorded notification) {
		SimpleMailMessage message = new SimpleMailMessage();
		message.setFrom(this.properties.from());
		message.setTo(notification.recipient());
		message.setSubject(notification.subject());
		message.setText(notification.body());
		return message;
	}

}
