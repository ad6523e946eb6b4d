package io.microshop.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PostgreSQL's own benchmark tool, pgbench, running the writes of placing an order
 * ({@code place-order.pgbench.sql}) against the stack's database: what the database can
 * do without the services in front of it. The writes go to copies of order-service's
 * tables in a schema of their own, {@code bench}, made before and dropped after, so that
 * the service's data is left alone.
 */
final class PgBench implements AutoCloseable {

	// the local stack's PostgreSQL and its local-demo superuser
	private static final String HOST = "localhost";

	private static final int PORT = 15432;

	private static final String DATABASE = "microshop";

	private static final String USER = "postgres";

	private static final String PASSWORD = "postgres";

	private static final Pattern TPS = Pattern.compile("^tps = ([0-9.]+)", Pattern.MULTILINE);

	private static final Pattern LATENCY = Pattern.compile("^latency average = ([0-9.]+) ms", Pattern.MULTILINE);

	private static final Pattern FAILED = Pattern.compile("^number of failed transactions: ([0-9]+)",
			Pattern.MULTILINE);

	private final Path script;

	private final int threads;

	/**
	 * Makes the {@code bench} schema.
	 * @param workDirectory where the script is put
	 * @param threads how many threads pgbench may use at most
	 */
	PgBench(Path workDirectory, int threads) {
		this.script = workDirectory.resolve("place-order.pgbench.sql");
		this.threads = threads;
		try (InputStream sql = PgBench.class.getResourceAsStream("place-order.pgbench.sql")) {
			Files.createDirectories(workDirectory);
			Files.copy(sql, this.script, StandardCopyOption.REPLACE_EXISTING);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		execute("DROP SCHEMA IF EXISTS bench CASCADE", "CREATE SCHEMA bench",
				"CREATE TABLE bench.orders (LIKE orders.orders INCLUDING ALL)",
				"CREATE TABLE bench.order_lines (LIKE orders.order_lines INCLUDING ALL)",
				"ALTER TABLE bench.order_lines ADD FOREIGN KEY (order_id) REFERENCES bench.orders (id) ON DELETE CASCADE",
				"CREATE TABLE bench.outbox_events (LIKE orders.outbox_events INCLUDING ALL)");
	}

	/**
	 * The server's version.
	 * @return e.g. "18.1"
	 */
	static String serverVersion() {
		try (Connection connection = connect();
				ResultSet version = connection.createStatement().executeQuery("SHOW server_version")) {
			version.next();
			return version.getString(1);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not ask PostgreSQL for its version: " + ex.getMessage(), ex);
		}
	}

	/**
	 * Runs the script on a number of connections for a time.
	 * @param clients how many connections
	 * @param duration for how long
	 * @param output where pgbench's output is kept
	 * @return the result
	 */
	Result run(int clients, Duration duration, Path output) {
		List<String> command = List.of("pgbench", "--host", HOST, "--port", Integer.toString(PORT), "--username", USER,
				"--no-vacuum", "--protocol", "prepared", "--client", Integer.toString(clients), "--jobs",
				Integer.toString(Math.min(clients, this.threads)), "--time", Long.toString(duration.toSeconds()),
				"--file", this.script.toString(), DATABASE);
		return parse(Tool.run(command, Map.of("PGPASSWORD", PASSWORD), output, duration.plusSeconds(60)));
	}

	/**
	 * Reads what pgbench printed.
	 * @param output its output
	 * @return the result
	 */
	static Result parse(String output) {
		return new Result(number(TPS, output), number(LATENCY, output),
				(long) (FAILED.matcher(output).find() ? number(FAILED, output) : 0));
	}

	private static double number(Pattern pattern, String output) {
		Matcher matcher = pattern.matcher(output);
		if (!matcher.find()) {
			throw new IllegalStateException("pgbench printed no " + pattern + ": " + output);
		}
		return Double.parseDouble(matcher.group(1));
	}

	/**
	 * Drops the {@code bench} schema.
	 */
	@Override
	public void close() {
		execute("DROP SCHEMA IF EXISTS bench CASCADE");
	}

	private static void execute(String... statements) {
		try (Connection connection = connect(); Statement statement = connection.createStatement()) {
			for (String sql : statements) {
				statement.execute(sql);
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not prepare the bench schema: " + ex.getMessage(), ex);
		}
	}

	private static Connection connect() throws SQLException {
		return DriverManager.getConnection("jdbc:postgresql://%s:%d/%s".formatted(HOST, PORT, DATABASE), USER,
				PASSWORD);
	}

	/**
	 * What one run of pgbench measured.
	 *
	 * @param transactionsPerSecond committed transactions per second
	 * @param latencyMillis the mean latency of a transaction
	 * @param failed how many transactions failed
	 */
	record Result(double transactionsPerSecond, double latencyMillis, long failed) {

	}

}
