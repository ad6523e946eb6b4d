package io.microshop.inventory.stock;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * An order event this service has already acted on. Written only through
 * {@link ProcessedEvents#markProcessed}.
 */
@Entity
@Table(name = "processed_events")
public class ProcessedEvent {

	@Id
	private UUID eventId;

	private Instant processedAt;

	protected ProcessedEvent() {
	}

	public UUID getEventId() {
		return this.eventId;
	}

	public Instant getProcessedAt() {
		return this.processedAt;
	}

}
