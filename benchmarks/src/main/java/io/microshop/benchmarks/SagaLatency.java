package io.microshop.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How long the saga takes: from the moment a client sends {@code POST /api/orders} to the
 * moment order-service confirms the order, having heard from inventory-service through
 * Kafka that the stock is reserved. Orders arrive in an open model
 * ({@link SagaSimulation}) at a low and a high rate. The moment of confirmation is the
 * order's {@code updatedAt}, set by order-service in the transaction that confirms it;
 * client and services share this machine's clock.
 */
final class SagaLatency {

	private static final Duration DECISION_TIMEOUT = Duration.ofSeconds(120);

	private SagaLatency() {
	}

	static Result measure(Settings settings, Shop shop, String sku, Path output) {
		Path gatling = output.resolve("gatling");
		// the first orders of a fresh stack open connections and compile code: not
		// counted
		runOnce(shop, sku, settings.rates().getFirst(), settings.warmUp(), gatling, output, "warmup");
		List<Rate> rates = new ArrayList<>();
		for (int rate : settings.rates()) {
			List<Run> runs = new ArrayList<>();
			for (int run = 1; run <= settings.repeat(); run++) {
				Quiet.await(BenchmarkSuite.QUIET_TIMEOUT);
				Run result = runOnce(shop, sku, rate, settings.sagaDuration(), gatling, output,
						"r%d-%d".formatted(rate, run));
				runs.add(result);
				BenchmarkSuite.progress("saga at %d orders/s, run %d/%d: %d orders, p50 %.1f ms, p99 %.1f ms", rate,
						run, settings.repeat(), result.orders(), result.latency().p50(), result.latency().p99());
			}
			rates.add(new Rate(rate, Latency.median(runs.stream().map(Run::latency).toList()),
					runs.stream().mapToLong(Run::orders).sum(), runs.stream().mapToLong(Run::failed).sum(),
					runs.stream().mapToLong(Run::notConfirmed).sum(), runs));
		}
		return new Result(settings.sagaDuration().toSeconds(), rates);
	}

	private static Run runOnce(Shop shop, String sku, int rate, Duration duration, Path gatling, Path output,
			String name) {
		Path orders = output.resolve("saga-" + name + ".csv");
		Map<String, String> properties = new HashMap<>(
				Map.of("saga.gateway", shop.gateway(), "saga.sku", sku, "saga.rate", Integer.toString(rate),
						"saga.seconds", Long.toString(duration.toSeconds()), "saga.orders", orders.toString()));
		String authorization = shop.authorization();
		if (authorization != null) {
			properties.put("saga.authorization", authorization);
		}
		Path report = GatlingRun.run(SagaSimulation.class, properties, gatling,
				"%d orders/s for %d s".formatted(rate, duration.toSeconds()), duration.plus(Duration.ofMinutes(2)));
		return outcome(shop, orders, output.relativize(report).toString());
	}

	private static Run outcome(Shop shop, Path ordersFile, String report) {
		try {
			List<String> lines = Files.readAllLines(ordersFile);
			long failed = Long
				.parseLong(Files.readString(ordersFile.resolveSibling(ordersFile.getFileName() + ".failed")).strip());
			List<Double> latencies = new ArrayList<>();
			long notConfirmed = 0;
			for (String line : lines) {
				String[] fields = line.split(",");
				Instant sentAt = Instant.EPOCH.plus(Long.parseLong(fields[1]), ChronoUnit.MICROS);
				Shop.Order order = decided(shop, fields[0]);
				if (order.status().equals("CONFIRMED")) {
					latencies.add(ChronoUnit.MICROS.between(sentAt, order.updatedAt()) / 1e3);
				}
				else {
					notConfirmed++;
				}
			}
			return new Run(lines.size(), failed, notConfirmed, Latency.of(latencies), report);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static Shop.Order decided(Shop shop, String id) {
		Instant deadline = Instant.now().plus(DECISION_TIMEOUT);
		Shop.Order order = shop.order(id);
		while (order.status().equals("PENDING") && Instant.now().isBefore(deadline)) {
			Quiet.sleep(Duration.ofMillis(200));
			order = shop.order(id);
		}
		return order;
	}

	/**
	 * One run at one rate.
	 *
	 * @param orders how many orders were placed
	 * @param failed how many {@code POST /api/orders} failed
	 * @param notConfirmed how many placed orders were not confirmed (none should be)
	 * @param latency from sending the order to its confirmation
	 * @param gatlingReport Gatling's HTML report of the run, relative to the report
	 */
	record Run(long orders, long failed, long notConfirmed, Latency latency, String gatlingReport) {

	}

	/**
	 * The medians at one rate.
	 *
	 * @param ordersPerSecond the arrival rate
	 * @param latency from sending the order to its confirmation
	 * @param orders the orders of all runs together
	 * @param failed the failed placements of all runs together
	 * @param notConfirmed the orders of all runs not confirmed
	 * @param runs every run
	 */
	record Rate(int ordersPerSecond, Latency latency, long orders, long failed, long notConfirmed, List<Run> runs) {

	}

	/**
	 * The saga's latency at every rate.
	 *
	 * @param durationSeconds how long orders arrived in each run
	 * @param rates the rates, lowest first
	 */
	record Result(long durationSeconds, List<Rate> rates) {

	}

}
