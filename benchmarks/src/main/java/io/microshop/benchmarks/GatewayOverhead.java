package io.microshop.benchmarks;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the gateway costs: {@code GET /api/products/{sku}} through the gateway and
 * directly against inventory-service, with the same connections, alternately in the same
 * run, so that both meet the same machine.
 */
final class GatewayOverhead {

	private static final int WARM_UP_ROUNDS = 6;

	private GatewayOverhead() {
	}

	static Result measure(Settings settings, Wrk wrk, Processes processes, Shop shop, String sku, Path output) {
		String viaGateway = shop.gateway() + "/api/products/" + sku;
		String direct = "http://localhost:8082/api/products/" + sku;
		int connections = settings.gatewayConnections();
		// warm both paths' JIT-compiled code up first, each until a run is no faster
		// than the one before
		warmUp(wrk, direct, connections, settings, output.resolve("gateway-warmup-direct.txt"));
		warmUp(wrk, viaGateway, connections, settings, output.resolve("gateway-warmup-gateway.txt"));
		List<Run> runs = new ArrayList<>();
		for (int run = 1; run <= settings.repeat(); run++) {
			Quiet.await(BenchmarkSuite.QUIET_TIMEOUT);
			Measurement directRun = load(wrk, processes, direct, connections, settings,
					output.resolve("gateway-direct-" + run + ".txt"));
			Quiet.await(BenchmarkSuite.QUIET_TIMEOUT);
			Measurement gatewayRun = load(wrk, processes, viaGateway, connections, settings,
					output.resolve("gateway-gateway-" + run + ".txt"));
			runs.add(new Run(directRun, gatewayRun));
			BenchmarkSuite.progress("gateway run %d/%d: direct %.0f req/s, through the gateway %.0f req/s", run,
					settings.repeat(), directRun.result().requestsPerSecond(), gatewayRun.result().requestsPerSecond());
		}
		Figures directFigures = Figures.median(runs.stream().map(Run::direct).toList());
		Figures gatewayFigures = Figures.median(runs.stream().map(Run::gateway).toList());
		return new Result(connections, settings.duration().toSeconds(), directFigures, gatewayFigures,
				gatewayFigures.requestsPerSecond() / directFigures.requestsPerSecond(), runs);
	}

	private static void warmUp(Wrk wrk, String url, int connections, Settings settings, Path output) {
		double last = 0;
		for (int round = 1; round <= WARM_UP_ROUNDS; round++) {
			double requestsPerSecond = wrk.get(url, connections, settings.warmUp(), output).requestsPerSecond();
			if (requestsPerSecond < last * WarmUp.BETTER) {
				return;
			}
			last = requestsPerSecond;
		}
	}

	private static Measurement load(Wrk wrk, Processes processes, String url, int connections, Settings settings,
			Path output) {
		CpuUse.Measured<Wrk.Result> measured = CpuUse.during(processes,
				() -> wrk.get(url, connections, settings.duration(), output));
		return new Measurement(measured.result(), measured.cpu().millisPerRequest(measured.result().requests()));
	}

	/**
	 * One wrk run and the CPU time per request of each process during it.
	 *
	 * @param result what wrk measured
	 * @param cpuMillisPerRequest CPU milliseconds per request by process
	 */
	record Measurement(Wrk.Result result, Map<String, Double> cpuMillisPerRequest) {

	}

	/**
	 * The medians of several runs.
	 *
	 * @param requestsPerSecond the throughput
	 * @param latency the latency
	 * @param errors the errors, all runs together
	 * @param cpuMillisPerRequest CPU milliseconds per request by process
	 */
	record Figures(double requestsPerSecond, Latency latency, long errors, Map<String, Double> cpuMillisPerRequest) {

		static Figures median(List<Measurement> runs) {
			return new Figures(Stats.median(runs, (run) -> run.result().requestsPerSecond()),
					Latency.median(runs.stream().map((run) -> run.result().latency()).toList()),
					runs.stream().mapToLong((run) -> run.result().errors()).sum(),
					BenchmarkSuite.medianByKey(runs.stream().map(Measurement::cpuMillisPerRequest).toList()));
		}

	}

	/**
	 * One direct run and one through the gateway.
	 *
	 * @param direct against inventory-service
	 * @param gateway through the gateway
	 */
	record Run(Measurement direct, Measurement gateway) {

	}

	/**
	 * The gateway's overhead.
	 *
	 * @param connections the connections of every run
	 * @param durationSeconds how long each run took
	 * @param direct the medians against inventory-service
	 * @param gateway the medians through the gateway
	 * @param throughputRatio the gateway's throughput as a fraction of the direct one
	 * @param runs every run
	 */
	record Result(int connections, long durationSeconds, Figures direct, Figures gateway, double throughputRatio,
			List<Run> runs) {

	}

}
