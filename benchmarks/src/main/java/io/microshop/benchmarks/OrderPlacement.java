package io.microshop.benchmarks;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How many orders per second the system takes: {@code POST /api/orders} through the
 * gateway at several concurrency levels (closed model: each connection sends its next
 * order as soon as the last one is answered). Every order is a real one: it is priced by
 * inventory-service, stored with its event, and goes through the whole saga, whose work
 * runs alongside. A run's CPU time lasts until the saga has caught up (the machine is
 * quiet again), so that an order's cost includes the events the load left in flight, and
 * how long the saga needed after the load ended is reported with it.
 */
final class OrderPlacement {

	private OrderPlacement() {
	}

	static Result measure(Settings settings, Wrk wrk, Processes processes, Shop shop, String sku, Path output) {
		String url = shop.gateway() + "/api/orders";
		String body = Shop.orderBody(sku);
		wrk.post(url, body, shop.authorization(), settings.levels().getLast(), settings.warmUp(),
				output.resolve("orders-warmup.txt"));
		List<Level> levels = new ArrayList<>();
		for (int connections : settings.levels()) {
			List<Run> runs = new ArrayList<>();
			for (int run = 1; run <= settings.repeat(); run++) {
				Quiet.await(BenchmarkSuite.QUIET_TIMEOUT);
				Path file = output.resolve("orders-c%d-%d.txt".formatted(connections, run));
				CpuUse.Measured<Run> measured = CpuUse.during(processes, () -> {
					Wrk.Result result = wrk.post(url, body, shop.authorization(), connections, settings.duration(),
							file);
					Duration sagaTail = Quiet.busyFor(BenchmarkSuite.QUIET_TIMEOUT);
					return new Run(result, sagaTail.toMillis() / 1e3, Map.of());
				});
				Run measuredRun = new Run(measured.result().result(), measured.result().sagaTailSeconds(),
						measured.cpu().millisPerRequest(measured.result().result().requests()));
				runs.add(measuredRun);
				BenchmarkSuite.progress(
						"orders at %d connections, run %d/%d: %.0f orders/s, p99 %.1f ms, %d errors, saga done %.1f s later",
						connections, run, settings.repeat(), measuredRun.result().requestsPerSecond(),
						measuredRun.result().latency().p99(), measuredRun.result().errors(),
						measuredRun.sagaTailSeconds());
			}
			levels.add(new Level(connections, Stats.median(runs, (run) -> run.result().requestsPerSecond()),
					Latency.median(runs.stream().map((run) -> run.result().latency()).toList()),
					runs.stream().mapToLong((run) -> run.result().errors()).sum(),
					Stats.median(runs, Run::sagaTailSeconds),
					BenchmarkSuite.medianByKey(runs.stream().map(Run::cpuMillisPerRequest).toList()), runs));
		}
		return new Result(settings.duration().toSeconds(), levels);
	}

	/**
	 * One run at one level.
	 *
	 * @param result what wrk measured
	 * @param sagaTailSeconds how long the machine stayed busy after the load ended: the
	 * saga's events the load left in flight
	 * @param cpuMillisPerRequest CPU milliseconds per order by process, from the load's
	 * start until the saga had caught up
	 */
	record Run(Wrk.Result result, Double sagaTailSeconds, Map<String, Double> cpuMillisPerRequest) {

	}

	/**
	 * The medians at one concurrency level.
	 *
	 * @param connections the level
	 * @param ordersPerSecond the throughput
	 * @param latency the latency of {@code POST /api/orders}
	 * @param errors the errors of all runs together
	 * @param sagaTailSeconds how long the saga went on after the load, the median (absent
	 * in reports from before it was measured)
	 * @param cpuMillisPerOrder CPU milliseconds per order by process
	 * @param runs every run
	 */
	record Level(int connections, double ordersPerSecond, Latency latency, long errors, Double sagaTailSeconds,
			Map<String, Double> cpuMillisPerOrder, List<Run> runs) {

	}

	/**
	 * Order placement at every level.
	 *
	 * @param durationSeconds how long each run took
	 * @param levels the levels, fewest connections first
	 */
	record Result(long durationSeconds, List<Level> levels) {

	}

}
