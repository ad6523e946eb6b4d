package io.microshop.messaging;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * The event types this application's consumers act on, collected from their
 * {@link EventDispatcher dispatchers}, and the record header that names an event's type
 * ({@value #HEADER}, written by the {@link OutboxRelay}). Each consumer reads every event
 * of the topic and acts on a few types: a record whose header names a type no dispatcher
 * here acts on is known to be skipped before it is read, so its delivery is not observed
 * (no timer, no span, no trace restored for it). A record without the header (a replayed
 * dead letter, a record from elsewhere) is read and decided by the dispatcher as before.
 */
public final class HandledEventTypes {

	/**
	 * The record header that names an event's type, as its JSON's {@code "type"}.
	 */
	public static final String HEADER = "microshop-event-type";

	private final Set<String> types = ConcurrentHashMap.newKeySet();

	void addAll(Collection<String> handled) {
		this.types.addAll(handled);
	}

	/**
	 * Whether a record is known, by its header, to be an event no consumer here acts on.
	 * @param record the record
	 * @return {@code true} if it names a type no dispatcher of this application acts on
	 */
	public boolean skips(ConsumerRecord<?, ?> record) {
		if (this.types.isEmpty()) {
			return false;
		}
		Header header = record.headers().lastHeader(HEADER);
		return header != null && !this.types.contains(new String(header.value(), StandardCharsets.UTF_8));
	}

}
