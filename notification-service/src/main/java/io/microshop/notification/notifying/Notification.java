package io.microshop.notification.notifying;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A message owed to a customer about one order event. It is recorded
 * {@link NotificationStatus#PENDING pending} and then either {@link #markSent sent} or
 * {@link #markFailed failed}, exactly once.
 */
@Entity
@Table(name = "notifications")
public class Notification {

	@Id
	private UUID id;

	@Column(name = "event_id", nullable = false, updatable = false, unique = true)
	private UUID eventId;

	@Column(name = "order_id", nullable = false, updatable = false)
	private UUID orderId;

	@Enumerated(EnumType.STRING)
	@Column(nullable = false, updatable = false)
	private NotificationType type;

	@Column(nullable = false, updatable = false)
	private String recipient;

	@Enumerated(EnumType.STRING)
	@Column(nullable = false, updatable = false)
	private Channel channel;

	@Enumerated(EnumType.STRING)
	@Column(nullable = false)
	private NotificationStatus status;

	@Column(nullable = false, updatable = false)
	private String subject;

	@Column(nullable = false, updatable = false)
	private String body;

	@Column(name = "created_at", nullable = false, updatable = false)
	private Instant createdAt;

	@Column(name = "updated_at", nullable = false)
	private Instant updatedAt;

	protected Notification() {
		// for JPA
	}

	private Notification(OrderOutcome outcome, Instant now) {
		this.id = UUID.randomUUID();
		this.eventId = outcome.eventId();
		this.orderId = outcome.orderId();
		this.type = outcome.type();
		this.recipient = outcome.customerEmail();
		this.channel = Channel.EMAIL;
		this.status = NotificationStatus.PENDING;
		this.subject = outcome.subject();
		this.body = outcome.body();
		this.createdAt = now;
		this.updatedAt = now;
	}

	/**
	 * Records the email owed for an order outcome, not yet sent.
	 */
	public static Notification pendingEmail(OrderOutcome outcome, Instant now) {
		// PostgreSQL keeps microseconds; truncating keeps the entity equal to what is
		// read back
		return new Notification(outcome, now.truncatedTo(ChronoUnit.MICROS));
	}

	public void markSent(Instant now) {
		leavePending(NotificationStatus.SENT, now);
	}

	public void markFailed(Instant now) {
		leavePending(NotificationStatus.FAILED, now);
	}

	private void leavePending(NotificationStatus outcome, Instant now) {
		if (!isPending()) {
			throw new IllegalStateException("Notification " + this.id + " is already " + this.status);
		}
		this.status = outcome;
		this.updatedAt = now.truncatedTo(ChronoUnit.MICROS);
	}

	public boolean isPending() {
		return this.status == NotificationStatus.PENDING;
	}

	public UUID getId() {
		return this.id;
	}

	public UUID getEventId() {
		return this.eventId;
	}

	public UUID getOrderId() {
		return this.orderId;
	}

	public NotificationType getType() {
		return this.type;
	}

	public String getRecipient() {
		return this.recipient;
	}

	public Channel getChannel() {
		return this.channel;
	}

	public NotificationStatus getStatus() {
		return this.status;
	}

	public String getSubject() {
		return this.subject;
	}

	public String getBody() {
		return this.body;
	}

	public Instant getCreatedAt() {
		return this.createdAt;
	}

	public Instant getUpdatedAt() {
		return this.updatedAt;
	}

}
