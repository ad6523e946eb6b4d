package io.microshop.messaging;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.tracing.CurrentTraceContext;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Publishes the events of the {@link Outbox} to Kafka: one thread that runs a round as
 * soon as a transaction that wrote events commits, and otherwise every poll interval.
 * <p>
 * A round claims, with {@code FOR UPDATE SKIP LOCKED}, the oldest waiting event of each
 * key, sends them all, waits for Kafka's acknowledgements and deletes the acknowledged
 * ones, all in one transaction. Claiming only the oldest event of a key keeps each key's
 * events in order, also across instances: a later event is not claimed while an earlier
 * one waits, even if another instance holds it. An event Kafka refused stays, with its
 * attempt count and last error, and is retried after a pause that doubles up to a
 * maximum. Publishing is at least once: an event acknowledged by Kafka whose deletion did
 * not commit is sent again, so consumers must be idempotent (ours are, by event id).
 */
public class OutboxRelay implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(OutboxRelay.class);

	private static final int MAX_ERROR_LENGTH = 2000;

	private final JdbcClient jdbc;

	private final TransactionOperations transactions;

	private final KafkaOperations<String, String> kafka;

	private final OutboxProperties properties;

	private final TraceContexts traces;

	private final Semaphore work = new Semaphore(0);

	private final Counter published;

	private final Counter failed;

	private final Timer latency;

	private volatile Thread thread;

	OutboxRelay(JdbcClient jdbc, TransactionOperations transactions, KafkaOperations<String, String> kafka,
			OutboxProperties properties, MeterRegistry meters, TraceContexts traces) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.kafka = kafka;
		this.properties = properties;
		this.traces = traces;
		this.published = Counter.builder("microshop.outbox.published")
			.description("Outbox events acknowledged by Kafka")
			.register(meters);
		this.failed = Counter.builder("microshop.outbox.failed")
			.description("Attempts to publish an outbox event that Kafka refused or did not acknowledge in time")
			.register(meters);
		this.latency = Timer.builder("microshop.outbox.latency")
			.description("Time from writing an outbox event to Kafka acknowledging it")
			.register(meters);
	}

	/**
	 * Asks for a round at once: called when a transaction that wrote events commits.
	 */
	void wakeUp() {
		if (this.work.availablePermits() == 0) {
			this.work.release();
		}
	}

	@Override
	public synchronized void start() {
		if (this.thread == null) {
			// assigned before it runs: the thread checks that it is the current one
			Thread relay = Thread.ofPlatform().name("outbox-relay").daemon().unstarted(this::relay);
			this.thread = relay;
			relay.start();
		}
	}

	@Override
	public synchronized void stop() {
		Thread running = this.thread;
		this.thread = null;
		if (running != null) {
			running.interrupt();
			try {
				running.join(this.properties.sendTimeout().plusSeconds(1));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public boolean isRunning() {
		return this.thread != null;
	}

	private void relay() {
		Duration pause = this.properties.pollInterval();
		while (isCurrent()) {
			try {
				Round round = publishRound();
				if (round.refused() > 0) {
					pause = min(pause.multipliedBy(2), this.properties.maxRetryInterval());
					Thread.sleep(pause);
				}
				else {
					pause = this.properties.pollInterval();
					if (round.claimed() == 0) {
						// a commit between the round's query and here left a permit, so
						// no
						// wake-up is lost
						this.work.tryAcquire(pause.toMillis(), TimeUnit.MILLISECONDS);
						this.work.drainPermits();
					}
				}
			}
			catch (InterruptedException ex) {
				return;
			}
			catch (RuntimeException ex) {
				if (!isCurrent()) {
					return;
				}
				logger.warn("Outbox round failed, retrying in {}", pause, ex);
				try {
					Thread.sleep(pause);
				}
				catch (InterruptedException interrupted) {
					return;
				}
			}
		}
	}

	private boolean isCurrent() {
		return this.thread == Thread.currentThread() && !Thread.currentThread().isInterrupted();
	}

	/**
	 * Runs one round: claims the oldest waiting event of each key and publishes them.
	 * @return how many events were claimed, and how many of them Kafka refused
	 * @throws InterruptedException if the relay is stopped while waiting for Kafka
	 */
	Round publishRound() throws InterruptedException {
		try {
			return this.transactions.execute((transaction) -> {
				try {
					return publish(claim());
				}
				catch (InterruptedException ex) {
					throw new Interrupted(ex);
				}
			});
		}
		catch (Interrupted ex) {
			throw ex.cause;
		}
	}

	private List<OutboxEvent> claim() {
		return this.jdbc.sql("""
				select id, topic, message_key, payload, event_type, trace_context, created_at from outbox_events event
				where not exists (select 1 from outbox_events earlier
						where earlier.message_key = event.message_key and earlier.id < event.id)
				order by id
				limit :limit
				for update skip locked
				""")
			.param("limit", this.properties.batchSize())
			.query((rs, row) -> new OutboxEvent(rs.getLong("id"), rs.getString("topic"), rs.getString("message_key"),
					rs.getString("payload"), rs.getString("event_type"), rs.getString("trace_context"),
					rs.getTimestamp("created_at").toInstant()))
			.list();
	}

	private Round publish(List<OutboxEvent> events) throws InterruptedException {
		if (events.isEmpty()) {
			return new Round(0, 0);
		}
		// Not flushed: waiting the producer's linger.ms (5 ms) lets more events
		// gather in the outbox for the next round. Flushing here was measured: it
		// cut the saga's median at 20 orders/s from 29 to 22 ms, but doubled it at
		// 100/s and cost a fifth of the order throughput, as rounds got smaller and
		// more frequent (benchmarks/README.md)
		List<CompletableFuture<?>> sends = events.stream().map(this::send).toList();
		// a little longer than the producer's own delivery timeout, so that a refused
		// event records Kafka's reason rather than this wait's
		long deadline = System.nanoTime() + this.properties.sendTimeout().plusSeconds(2).toNanos();
		List<Long> acknowledged = new ArrayList<>();
		List<Long> refused = new ArrayList<>();
		String error = null;
		for (int i = 0; i < events.size(); i++) {
			OutboxEvent event = events.get(i);
			try {
				sends.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
				acknowledged.add(event.id());
				this.latency.record(Duration.between(event.createdAt(), Instant.now()));
			}
			catch (ExecutionException | TimeoutException ex) {
				refused.add(event.id());
				error = (error != null) ? error : describe(ex);
			}
		}
		if (!acknowledged.isEmpty()) {
			this.jdbc.sql("delete from outbox_events where id in (:ids)").param("ids", acknowledged).update();
			this.published.increment(acknowledged.size());
		}
		if (!refused.isEmpty()) {
			this.jdbc.sql("""
					update outbox_events
					set attempts = attempts + 1, last_attempt_at = :now, last_error = :error
					where id in (:ids)
					""")
				.param("now", Timestamp.from(Instant.now()))
				.param("error", error)
				.param("ids", refused)
				.update();
			this.failed.increment(refused.size());
			logger.warn("Kafka did not acknowledge {} of {} outbox events, retrying: {}", refused.size(), events.size(),
					error);
		}
		return new Round(events.size(), refused.size());
	}

	// In the trace of the change that wrote the event: the observed template sends the
	// record in a child span of it and puts the trace on the record for the consumers
	private CompletableFuture<?> send(OutboxEvent event) {
		try (CurrentTraceContext.Scope scope = this.traces.continuing(event.traceContext())) {
			return this.kafka.send(record(event));
		}
		catch (RuntimeException ex) {
			return CompletableFuture.failedFuture(ex);
		}
	}

	private static ProducerRecord<String, String> record(OutboxEvent event) {
		ProducerRecord<String, String> record = new ProducerRecord<>(event.topic(), event.key(), event.payload());
		if (event.type() != null) {
			record.headers().add(HandledEventTypes.HEADER, event.type().getBytes(StandardCharsets.UTF_8));
		}
		return record;
	}

	private static String describe(Exception ex) {
		Throwable cause = (ex instanceof ExecutionException && ex.getCause() != null) ? ex.getCause() : ex;
		while (cause.getCause() != null && cause.getCause() != cause) {
			cause = cause.getCause();
		}
		String description = cause.getClass().getName() + ": " + cause.getMessage();
		return (description.length() > MAX_ERROR_LENGTH) ? description.substring(0, MAX_ERROR_LENGTH) : description;
	}

	private static Duration min(Duration a, Duration b) {
		return (a.compareTo(b) <= 0) ? a : b;
	}

	record Round(int claimed, int refused) {

	}

	private record OutboxEvent(long id, String topic, String key, String payload, String type, String traceContext,
			Instant createdAt) {

	}

	private static final class Interrupted extends RuntimeException {

		private final InterruptedException cause;

		Interrupted(InterruptedException cause) {
			super(cause);
			this.cause = cause;
		}

	}

}
