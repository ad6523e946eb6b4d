package io.microshop.messaging;

import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.util.Assert;

/**
 * The inbox: the ids of the events this service's consumers have acted on, so that a
 * redelivered event changes nothing. Kafka delivers at least once (a consumer that
 * crashes after its transaction committed but before its offset did reads the record
 * again), and the relays publish at least once, so every consumer asks the inbox before
 * it acts.
 * <p>
 * An id is recorded in the transaction of the effect, so it is recorded if and only if
 * the effect committed. A redelivery racing the first delivery waits on the primary key
 * until the first commits and then records nothing: exactly one delivery of an event is
 * the first.
 */
public class Inbox {

	private final JdbcClient jdbc;

	Inbox(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Records that an event is being acted on, in the current transaction.
	 * @param eventId the id the event carries
	 * @return {@code true} for its first delivery, which the caller acts on;
	 * {@code false} for a redelivery, which the caller skips quietly
	 * @throws IllegalStateException if no transaction is active
	 */
	public boolean firstDelivery(UUID eventId) {
		Assert.notNull(eventId, "An event without an id cannot be told from its redelivery");
		Assert.state(TransactionSynchronizationManager.isActualTransactionActive(),
				"An event must be recorded in the transaction of its effect");
		// "on conflict do nothing" rather than a lookup first: two deliveries racing each
		// other
		// cannot both insert
		return this.jdbc.sql(
				"insert into inbox (event_id, processed_at) values (:eventId, now()) on conflict (event_id) do nothing")
			.param("eventId", eventId)
			.update() == 1;
	}

	/**
	 * Tells whether an event has been acted on.
	 * @param eventId the event's id
	 * @return whether its first delivery committed
	 */
	public boolean contains(UUID eventId) {
		return this.jdbc.sql("select exists (select 1 from inbox where event_id = :eventId)")
			.param("eventId", eventId)
			.query(Boolean.class)
			.single();
	}

}
