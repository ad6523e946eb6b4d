package io.microshop.order.ordering;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * An event of another service that this service has already acted upon.
 */
@Entity
@Table(name = "processed_events")
class ProcessedEvent {

	@Id
	private UUID eventId;

	private Instant processedAt;

	protected ProcessedEvent() {
		// for JPA
	}

	UUID getEventId() {
		return this.eventId;
	}

	Instant getProcessedAt() {
		return this.processedAt;
	}

}
