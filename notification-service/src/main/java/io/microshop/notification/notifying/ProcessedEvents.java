package io.microshop.notification.notifying;

import java.util.UUID;

import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

/**
 * The order events this consumer group has already acted on.
 */
interface ProcessedEvents extends Repository<ProcessedEvent, UUID> {

	/**
	 * Remembers an event id, atomically, in the caller's transaction. {@code {h-schema}}
	 * makes Hibernate prefix the configured default schema, as it does for mapped
	 * entities: the connection's search_path need not include it.
	 * @param eventId the id of the order event
	 * @return 1 the first time an event id is seen, 0 for a redelivery
	 */
	@Modifying
	@Query(value = """
			insert into {h-schema}processed_events (event_id, processed_at)
			values (:eventId, now())
			on conflict (event_id) do nothing""", nativeQuery = true)
	int markProcessed(UUID eventId);

}
