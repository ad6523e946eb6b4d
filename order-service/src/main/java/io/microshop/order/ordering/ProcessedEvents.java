package io.microshop.order.ordering;

import java.util.UUID;

import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;
import org.springframework.data.repository.query.Param;

/**
 * The ids of the foreign events already acted upon: recorded in the same transaction as
 * the effect, so that a redelivered event changes nothing.
 */
interface ProcessedEvents extends Repository<ProcessedEvent, UUID> {

	/**
	 * Records an event as processed, unless it already was.
	 * @param eventId the event
	 * @return {@code true} the first time, {@code false} for a redelivery
	 */
	default boolean markProcessed(UUID eventId) {
		return insertIfAbsent(eventId) == 1;
	}

	// "on conflict do nothing" rather than a lookup first: two deliveries racing each
	// other cannot both insert
	@Modifying
	@Query(value = "insert into {h-schema}processed_events (event_id, processed_at) values (:eventId, now()) "
			+ "on conflict (event_id) do nothing", nativeQuery = true)
	int insertIfAbsent(@Param("eventId") UUID eventId);

}
