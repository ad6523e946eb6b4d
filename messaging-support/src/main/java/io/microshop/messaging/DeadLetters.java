package io.microshop.messaging;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionOperations;

/**
 * The dead letters of this service's consumers: listed, counted and replayed. Replaying a
 * dead letter writes its record, unchanged, to the {@link Outbox} for its source topic,
 * in the transaction that marks it replayed, so a replay happens exactly once per request
 * and is never lost. Every consumer group of that topic reads the replayed record again;
 * the ones that had processed it skip it by its event id.
 */
public class DeadLetters {

	private static final String COLUMNS = """
			id, source_topic, source_partition, source_offset, message_key, payload, error_class, error_message,
			dead_at, replayed_at""";

	private final JdbcClient jdbc;

	private final TransactionOperations transactions;

	private final Outbox outbox;

	DeadLetters(JdbcClient jdbc, TransactionOperations transactions, Outbox outbox) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.outbox = outbox;
	}

	/**
	 * The oldest dead letters still waiting for a replay.
	 * @param limit how many at most
	 * @return the dead letters, oldest first
	 */
	public List<DeadLetter> waiting(int limit) {
		return this.jdbc
			.sql("select " + COLUMNS + " from dead_letters where replayed_at is null order by id limit :limit")
			.param("limit", limit)
			.query(DeadLetters::read)
			.list();
	}

	public Optional<DeadLetter> find(long id) {
		return this.jdbc.sql("select " + COLUMNS + " from dead_letters where id = :id")
			.param("id", id)
			.query(DeadLetters::read)
			.optional();
	}

	/**
	 * How many dead letters wait for a replay.
	 * @return the count
	 */
	public long countWaiting() {
		return this.jdbc.sql("select count(*) from dead_letters where replayed_at is null").query(Long.class).single();
	}

	/**
	 * How many dead letters have been replayed.
	 * @return the count
	 */
	public long countReplayed() {
		return this.jdbc.sql("select count(*) from dead_letters where replayed_at is not null")
			.query(Long.class)
			.single();
	}

	/**
	 * Replays a waiting dead letter to its source topic. A dead letter that was already
	 * replayed is not replayed again.
	 * @param id the dead letter
	 * @return the dead letter as replayed, or empty if there is no such dead letter
	 * waiting
	 */
	public Optional<DeadLetter> replay(long id) {
		return this.transactions.execute((transaction) -> {
			Optional<DeadLetter> waiting = this.jdbc
				.sql("select " + COLUMNS + " from dead_letters where id = :id and replayed_at is null for update")
				.param("id", id)
				.query(DeadLetters::read)
				.optional();
			return waiting.map((letter) -> {
				Instant now = Instant.now();
				this.outbox.appendJson(letter.sourceTopic(), letter.key(), letter.payload());
				this.jdbc.sql("update dead_letters set replayed_at = :now where id = :id")
					.param("now", Timestamp.from(now))
					.param("id", id)
					.update();
				return new DeadLetter(letter.id(), letter.sourceTopic(), letter.sourcePartition(),
						letter.sourceOffset(), letter.key(), letter.payload(), letter.errorClass(),
						letter.errorMessage(), letter.deadAt(), now);
			});
		});
	}

	/**
	 * Replays every waiting dead letter, oldest first.
	 * @return how many were replayed
	 */
	public int replayAll() {
		List<Long> ids = this.jdbc.sql("select id from dead_letters where replayed_at is null order by id")
			.query(Long.class)
			.list();
		return (int) ids.stream().filter((id) -> replay(id).isPresent()).count();
	}

	private static DeadLetter read(ResultSet rs, int row) throws SQLException {
		Timestamp replayedAt = rs.getTimestamp("replayed_at");
		return new DeadLetter(rs.getLong("id"), rs.getString("source_topic"), rs.getInt("source_partition"),
				rs.getLong("source_offset"), rs.getString("message_key"), rs.getString("payload"),
				rs.getString("error_class"), rs.getString("error_message"), rs.getTimestamp("dead_at").toInstant(),
				(replayedAt != null) ? replayedAt.toInstant() : null);
	}

}
