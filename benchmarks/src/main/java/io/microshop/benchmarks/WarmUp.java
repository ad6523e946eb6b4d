package io.microshop.benchmarks;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Brings the stack's JVMs to their steady state before anything is measured. A fresh JVM
 * runs the code interpreted, then compiled quickly (C1), and only after a lot of load
 * well compiled (C2); on two cores the five JVMs' compilers compete with the load itself,
 * and order placement takes minutes to go from 20 to 300 orders per second. So orders are
 * placed in rounds (which exercises every service, the gateway, Kafka and the database)
 * until three rounds running are no better than the best before them (and at least twelve
 * rounds), each round once the machine is quiet again; then the reads of products,
 * through the gateway and directly.
 */
final class WarmUp {

	private static final Duration ROUND = Duration.ofSeconds(15);

	private static final int CONNECTIONS = 16;

	/**
	 * How much faster a round must be to count as still warming up.
	 */
	static final double BETTER = 1.05;

	// JIT compilation on two cores comes in waves: throughput can stand still for a few
	// rounds and then climb again, so a short warm-up stops on a plateau
	private static final int MIN_ROUNDS = 12;

	private static final int STEADY = 3;

	private WarmUp() {
	}

	/**
	 * Warms up.
	 * @param settings the suite's settings
	 * @param wrk the load generator
	 * @param shop the API
	 * @param sku the product to order
	 * @param output where wrk's output goes
	 * @return the orders per second of each round
	 */
	static Result run(Settings settings, Wrk wrk, Shop shop, String sku, Path output) {
		List<Double> rounds = new ArrayList<>();
		double best = 0;
		int sinceBest = 0;
		while (rounds.size() < settings.warmUpRounds() && !(rounds.size() >= MIN_ROUNDS && sinceBest >= STEADY)) {
			// each round from the same start: the saga's events of the round before would
			// otherwise take their CPU from this one's orders
			Quiet.await(BenchmarkSuite.QUIET_TIMEOUT);
			double ordersPerSecond = wrk
				.post(shop.gateway() + "/api/orders", Shop.orderBody(sku), shop.authorization(), CONNECTIONS, ROUND,
						output.resolve("warmup-orders-%d.txt".formatted(rounds.size() + 1)))
				.requestsPerSecond();
			if (ordersPerSecond >= best * BETTER) {
				best = ordersPerSecond;
				sinceBest = 0;
			}
			else {
				sinceBest++;
			}
			rounds.add(ordersPerSecond);
			BenchmarkSuite.progress("warm-up round %d: %.0f orders/s", rounds.size(), ordersPerSecond);
		}
		wrk.get(shop.gateway() + "/api/products/" + sku, 32, ROUND, output.resolve("warmup-gateway.txt"));
		wrk.get("http://localhost:8082/api/products/" + sku, 32, ROUND, output.resolve("warmup-direct.txt"));
		return new Result(rounds, sinceBest >= STEADY);
	}

	/**
	 * How the warm-up went.
	 *
	 * @param ordersPerSecond each round's throughput
	 * @param steady whether it ended because the throughput stopped improving (rather
	 * than at the most rounds)
	 */
	record Result(List<Double> ordersPerSecond, boolean steady) {

	}

}
