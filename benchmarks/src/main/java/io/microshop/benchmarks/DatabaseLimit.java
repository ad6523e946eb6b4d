package io.microshop.benchmarks;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The database's own limit for the writes of placing an order: pgbench at the concurrency
 * levels of {@link OrderPlacement}, against the stack's PostgreSQL while the services are
 * idle.
 */
final class DatabaseLimit {

	private DatabaseLimit() {
	}

	static Result measure(Settings settings, Path output) {
		String version = PgBench.serverVersion();
		List<Level> levels = new ArrayList<>();
		try (PgBench pgbench = new PgBench(output, Runtime.getRuntime().availableProcessors())) {
			pgbench.run(settings.levels().getLast(), settings.warmUp(), output.resolve("pgbench-warmup.txt"));
			for (int clients : settings.levels()) {
				List<PgBench.Result> runs = new ArrayList<>();
				for (int run = 1; run <= settings.repeat(); run++) {
					Quiet.await(BenchmarkSuite.QUIET_TIMEOUT);
					PgBench.Result result = pgbench.run(clients, settings.duration(),
							output.resolve("pgbench-c%d-%d.txt".formatted(clients, run)));
					runs.add(result);
					BenchmarkSuite.progress("database at %d connections, run %d/%d: %.0f transactions/s", clients, run,
							settings.repeat(), result.transactionsPerSecond());
				}
				levels.add(new Level(clients, Stats.median(runs, PgBench.Result::transactionsPerSecond),
						Stats.median(runs, PgBench.Result::latencyMillis),
						runs.stream().mapToLong(PgBench.Result::failed).sum(), runs));
			}
		}
		return new Result(version, settings.duration().toSeconds(), levels);
	}

	/**
	 * The medians at one concurrency level.
	 *
	 * @param connections the level
	 * @param transactionsPerSecond the throughput: orders per second
	 * @param latencyMillis the mean latency of a transaction
	 * @param failed failed transactions, all runs together
	 * @param runs every run
	 */
	record Level(int connections, double transactionsPerSecond, double latencyMillis, long failed,
			List<PgBench.Result> runs) {

	}

	/**
	 * The database's limit at every level.
	 *
	 * @param postgresVersion the server's version
	 * @param durationSeconds how long each run took
	 * @param levels the levels, fewest connections first
	 */
	record Result(String postgresVersion, long durationSeconds, List<Level> levels) {

		Level at(int connections) {
			return this.levels.stream().filter((level) -> level.connections() == connections).findFirst().orElse(null);
		}

	}

}
