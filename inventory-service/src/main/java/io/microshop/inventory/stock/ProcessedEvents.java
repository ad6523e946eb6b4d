package io.microshop.inventory.stock;

import java.util.UUID;

import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

/**
 * The ids of order events already acted on, recorded in the same transaction as their
 * effect.
 */
public interface ProcessedEvents extends Repository<ProcessedEvent, UUID> {

	/**
	 * Records the event as processed. A concurrent duplicate waits on the primary key
	 * until the first commits and then inserts nothing, so exactly one delivery of an
	 * event gets 1.
	 * @return 1 the first time, 0 for a redelivery
	 */
	@Modifying
	@Query(nativeQuery = true, value = """
			insert into {h-schema}processed_events (event_id, processed_at)
			values (:eventId, now())
			on conflict (event_id) do nothing""")
	int markProcessed(UUID eventId);

	boolean existsById(UUID eventId);

}
