package io.microshop.notification.notifying;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * The id of an order event whose notification has been recorded. Only written through
 * {@link ProcessedEvents#markProcessed}; mapped so that Hibernate validates the table.
 */
@Entity
@Table(name = "processed_events")
class ProcessedEvent {

	@Id
	@Column(name = "event_id")
	private UUID eventId;

	@Column(name = "processed_at", nullable = false)
	private Instant processedAt;

	protected ProcessedEvent() {
		// for JPA
	}

}
