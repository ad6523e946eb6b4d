package io.microshop.benchmarks;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.microshop.localstack.IdentityProvider;

/**
 * What a hanging instance costs the clients: the stack with two instances of
 * inventory-service, reads through the gateway and orders (priced in inventory-service by
 * order-service) loaded by wrk with both instances answering, then with the second one
 * frozen by SIGSTOP (its port accepts connections, nothing answers), as a long pause or a
 * frozen VM would. One run of each, after a short warm-up: the figures are the latency
 * percentiles, the worst request and the errors, not the throughput (docs/resilience.md).
 */
final class FrozenInstance {

	static final int CONNECTIONS = 8;

	private static final String FROZEN = "inventory-service-2";

	private FrozenInstance() {
	}

	static Result measure(Settings settings, Path output) {
		BenchmarkSuite.progress("starting the stack with two inventory-service instances");
		try (StackRun stack = StackRun.start(settings.root(),
				List.of("--quiet", "--reset", "--scale", "inventory-service=2"), output.resolve("stack-frozen.log"),
				Startup.START_TIMEOUT)) {
			Long pid = stack.status().processes().get(FROZEN);
			if (pid == null) {
				throw new IllegalStateException("no " + FROZEN + " in " + stack.status().processes().keySet());
			}
			boolean identity = stack.status().readyAfterSeconds().containsKey("identity-provider");
			Shop shop = new Shop("http://localhost:8080",
					identity ? IdentityProvider.tokenUri(IdentityProvider.PORT) : null);
			String sku = shop.createProduct("FROZEN");
			Wrk wrk = new Wrk(output, Runtime.getRuntime().availableProcessors());
			String reads = shop.gateway() + "/api/products/" + sku;
			String orders = shop.gateway() + "/api/orders";
			Duration duration = settings.duration();
			for (int round = 0; round < 2; round++) {
				wrk.get(reads, CONNECTIONS, settings.warmUp(), output.resolve("frozen-warmup-reads.txt"));
				wrk.post(orders, Shop.orderBody(sku), shop.authorization(), CONNECTIONS, settings.warmUp(),
						output.resolve("frozen-warmup-orders.txt"));
			}
			Quiet.await(BenchmarkSuite.QUIET_TIMEOUT);
			Phase answering = new Phase(wrk.get(reads, CONNECTIONS, duration, output.resolve("frozen-both-reads.txt")),
					wrk.post(orders, Shop.orderBody(sku), shop.authorization(), CONNECTIONS, duration,
							output.resolve("frozen-both-orders.txt")));
			BenchmarkSuite.progress("both answering: reads p99 %.1f ms, orders p99 %.1f ms",
					answering.reads().latency().p99(), answering.orders().latency().p99());
			Quiet.await(BenchmarkSuite.QUIET_TIMEOUT);
			signal("STOP", pid);
			Phase oneFrozen;
			try {
				oneFrozen = new Phase(wrk.get(reads, CONNECTIONS, duration, output.resolve("frozen-one-reads.txt")),
						wrk.post(orders, Shop.orderBody(sku), shop.authorization(), CONNECTIONS, duration,
								output.resolve("frozen-one-orders.txt")));
			}
			finally {
				signal("CONT", pid);
			}
			BenchmarkSuite.progress(
					"one frozen: reads p99 %.1f ms, max %.0f ms, %d errors; orders p99 %.1f ms, max %.0f ms, %d errors",
					oneFrozen.reads().latency().p99(), oneFrozen.reads().latency().max(), oneFrozen.reads().errors(),
					oneFrozen.orders().latency().p99(), oneFrozen.orders().latency().max(),
					oneFrozen.orders().errors());
			return new Result(CONNECTIONS, duration.toSeconds(), answering, oneFrozen);
		}
	}

	private static void signal(String signal, long pid) {
		try {
			Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start();
			if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
				throw new IllegalStateException("kill -" + signal + " " + pid + " failed");
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException("kill -" + signal + " " + pid + " failed", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * One load of reads, then one of orders.
	 *
	 * @param reads {@code GET /api/products/{sku}} through the gateway, without a token
	 * @param orders {@code POST /api/orders} through the gateway, as the demo admin
	 */
	record Phase(Wrk.Result reads, Wrk.Result orders) {

	}

	/**
	 * The figures.
	 *
	 * @param connections wrk's connections in each load
	 * @param durationSeconds the length of each load
	 * @param answering both instances answering
	 * @param oneFrozen the second instance frozen for both loads
	 */
	record Result(int connections, long durationSeconds, Phase answering, Phase oneFrozen) {

	}

}
