package io.microshop.benchmarks;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * How the suite runs: what it measures, how long and how often.
 *
 * @param root the repository, with {@code run-local.sh}
 * @param output where the report goes
 * @param measures what to measure: {@code startup}, {@code gateway}, {@code orders},
 * {@code saga}, {@code database}, {@code profiles}
 * @param repeat how many times each measured run is repeated (the report shows the
 * median)
 * @param duration how long each load runs
 * @param warmUp how long the short load before each kind of load runs (the JVMs are warm
 * by then: {@link WarmUp})
 * @param warmUpRounds the most rounds of the warm-up
 * @param gatewayConnections the connections of the gateway overhead runs
 * @param levels the concurrency levels (connections) of order placement and the database
 * @param rates the arrival rates of the saga's open model, orders per second
 * @param sagaDuration how long each saga run lets orders arrive
 * @param baseline an earlier report to compare with, or {@code null}
 */
record Settings(Path root, Path output, Set<String> measures, int repeat, Duration duration, Duration warmUp,
		int warmUpRounds, int gatewayConnections, List<Integer> levels, List<Integer> rates, Duration sagaDuration,
		Path baseline) {

	static final List<String> MEASURES = List.of("startup", "gateway", "orders", "saga", "database", "profiles",
			"frozen");

	boolean measures(String measure) {
		return this.measures.contains(measure);
	}

}
