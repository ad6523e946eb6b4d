package io.microshop.messaging;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.util.Assert;

/**
 * The transactional outbox: an event written here is stored in the transaction of the
 * change that raised it, so it exists if and only if the change committed. The
 * {@link OutboxRelay} publishes it to Kafka after the commit, which wakes it, and retries
 * until Kafka acknowledges it. The events of one key are published in the order they were
 * written. The trace of the change travels with the event: the relay publishes it in that
 * trace, and its consumers continue it.
 */
public class Outbox {

	private final JdbcClient jdbc;

	private final JsonMapper json;

	private final Runnable onCommit;

	private final TraceContexts traces;

	Outbox(JdbcClient jdbc, JsonMapper json, Runnable onCommit, TraceContexts traces) {
		this.jdbc = jdbc;
		this.json = json;
		this.onCommit = onCommit;
		this.traces = traces;
	}

	/**
	 * Stores an event, as JSON, for publishing once the current transaction commits.
	 * @param topic the topic to publish to
	 * @param key the record key: the unit of ordering, e.g. the order id
	 * @param event the event, written with the application's JSON mapper
	 * @throws IllegalStateException if no transaction is active
	 */
	public void append(String topic, String key, Object event) {
		JsonNode tree = this.json.valueToTree(event);
		JsonNode type = tree.path("type");
		insert(topic, key, this.json.writeValueAsString(tree), type.isString() ? type.asString() : null);
	}

	/**
	 * Stores a record value exactly as given, for publishing once the current transaction
	 * commits.
	 * @param topic the topic to publish to
	 * @param key the record key, or {@code null} for a record without one (published in
	 * no particular order)
	 * @param value the record value as it should appear on the topic
	 * @throws IllegalStateException if no transaction is active
	 */
	public void appendJson(String topic, String key, String value) {
		insert(topic, key, value, null);
	}

	private void insert(String topic, String key, String value, String type) {
		Assert.state(TransactionSynchronizationManager.isActualTransactionActive(),
				"An outbox event must be written in the transaction of the change that raises it");
		this.jdbc.sql("""
				insert into outbox_events (topic, message_key, payload, event_type, trace_context)
				values (:topic, :key, :payload, :type, :traceContext)""")
			.param("topic", topic)
			.param("key", key)
			.param("payload", value)
			.param("type", type)
			.param("traceContext", this.traces.current())
			.update();
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

			@Override
			public void afterCommit() {
				Outbox.this.onCommit.run();
			}

		});
	}

}
