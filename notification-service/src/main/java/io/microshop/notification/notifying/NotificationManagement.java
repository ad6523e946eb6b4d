package io.microshop.notification.notifying;

import java.time.Instant;
import java.util.UUID;

import io.microshop.messaging.Inbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The notification use cases: record one notification per order outcome, note how its
 * delivery went, list an order's notifications.
 */
@Service
@Transactional
public class NotificationManagement {

	private static final Logger logger = LoggerFactory.getLogger(NotificationManagement.class);

	private final Notifications notifications;

	private final Inbox inbox;

	private final ApplicationEventPublisher events;

	NotificationManagement(Notifications notifications, Inbox inbox, ApplicationEventPublisher events) {
		this.notifications = notifications;
		this.inbox = inbox;
		this.events = events;
	}

	/**
	 * Records the notification an order outcome calls for, once per event however often
	 * it is delivered (the inbox, written in this transaction, tells a redelivery apart),
	 * and asks for it to be delivered after commit while it is still pending. Whether a
	 * redelivered event causes an email is decided by the status of the stored
	 * notification alone, so a sent or failed one is never sent again.
	 * @param outcome what happened to the order
	 */
	public void notifyCustomer(OrderOutcome outcome) {
		if (!this.inbox.firstDelivery(outcome.eventId())) {
			logger.debug("Event {} was already processed", outcome.eventId());
			this.notifications.findByEventId(outcome.eventId())
				.filter(Notification::isPending)
				.ifPresent(this::requestDelivery);
			return;
		}
		requestDelivery(this.notifications.save(Notification.pendingEmail(outcome, Instant.now())));
	}

	private void requestDelivery(Notification notification) {
		this.events.publishEvent(NotificationRecorded.of(notification));
	}

	// Both delivery results run in a new transaction: they are called after the recording
	// transaction committed, while its resources are still bound to the thread.

	@Transactional(propagation = Propagation.REQUIRES_NEW)
	public void markSent(UUID notificationId) {
		this.notifications.findById(notificationId).ifPresent((notification) -> notification.markSent(Instant.now()));
	}

	@Transactional(propagation = Propagation.REQUIRES_NEW)
	public void markFailed(UUID notificationId) {
		this.notifications.findById(notificationId).ifPresent((notification) -> notification.markFailed(Instant.now()));
	}

	@Transactional(readOnly = true)
	public Page<Notification> findByOrder(UUID orderId, Pageable pageable) {
		return this.notifications.findByOrderId(orderId, pageable);
	}

	/**
	 * The notifications of an order addressed to one recipient: what a customer sees.
	 * @param orderId the order
	 * @param recipient the customer's email (compared without case)
	 * @param pageable which page
	 * @return the page
	 */
	@Transactional(readOnly = true)
	public Page<Notification> findByOrderFor(UUID orderId, String recipient, Pageable pageable) {
		return this.notifications.findByOrderIdAndRecipientIgnoreCase(orderId, recipient, pageable);
	}

}
