package io.microshop.benchmarks;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How many orders per second the system takes: {@code POST /api/orders} through the
 * gateway at several concurrency levels (closed model: each connection sends its next
 * order as soon as the last one is answered). Every order is a real one: it is priced by
 * inventory-service, stored with its event, and goes through the whole saga, whose work
 * runs alongside and is waited for between runs.
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
				CpuUse.Measured<Wrk.Result> measured = CpuUse.during(processes,
						() -> wrk.post(url, body, shop.authorization(), connections, settings.duration(), file));
				runs.add(new Run(measured.result(), measured.cpu().millisPerRequest(measured.result().requests())));
				BenchmarkSuite.progress("orders at %d connections, run %d/%d: %.0f orders/s, p99 %.1f ms, %d errors",
						connections, run, settings.repeat(), measured.result().requestsPerSecond(),
						measured.result().latency().p99(), measured.result().errors());
			}
			levels.add(new Level(connections, Stats.median(runs, (run) -> run.result().requestsPerSecond()),
					Latency.median(runs.stream().map((run) -> run.result().latency()).toList()),
					runs.stream().mapToLong((run) -> run.result().errors()).sum(),
					BenchmarkSuite.medianByKey(runs.stream().map(Run::cpuMillisPerRequest).toList()), runs));
		}
		return new Result(settings.duration().toSeconds(), levels);
	}

	/**
	 * One run at one level.
	 *
	 * @param result what wrk measured
	 * @param cpuMillisPerRequest CPU milliseconds per order by process, the saga's work
	 * included
	 */
	record Run(Wrk.Result result, Map<String, Double> cpuMillisPerRequest) {

	}

	/**
	 * The medians at one concurrency level.
	 *
	 * @param connections the level
	 * @param ordersPerSecond the throughput
	 * @param latency the latency of {@code POST /api/orders}
	 * @param errors the errors of all runs together
	 * @param cpuMillisPerOrder CPU milliseconds per order by process
	 * @param runs every run
	 */
	record Level(int connections, double ordersPerSecond, Latency latency, long errors,
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
