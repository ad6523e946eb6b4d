package io.microshop.benchmarks;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.microshop.localstack.IdentityProvider;
import io.microshop.localstack.ManagedProcess;

/**
 * What a hanging instance costs the clients: the stack with two instances of
 * inventory-service, reads through the gateway and orders (priced in inventory-service by
 * order-service) sent by {@value #CONNECTIONS} clients that time each of their requests
 * ({@link TimedLoad}), with both instances answering, then with the second one frozen by
 * SIGSTOP (its port accepts connections, nothing answers), as a long pause or a frozen VM
 * would. One run of each, after a short warm-up by wrk: the figures are the latency
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
			Phase answering = phase(shop, reads, orders, sku, duration);
			BenchmarkSuite.progress("both answering: reads p99 %.1f ms, orders p99 %.1f ms",
					answering.reads().latency().p99(), answering.orders().latency().p99());
			Quiet.await(BenchmarkSuite.QUIET_TIMEOUT);
			ManagedProcess.signal(pid, "STOP");
			Phase oneFrozen;
			try {
				oneFrozen = phase(shop, reads, orders, sku, duration);
			}
			finally {
				ManagedProcess.signal(pid, "CONT");
			}
			BenchmarkSuite.progress(
					"one frozen: reads p99 %.1f ms, max %.0f ms, %d errors; orders p99 %.1f ms, max %.0f ms, %d errors",
					oneFrozen.reads().latency().p99(), oneFrozen.reads().latency().max(), oneFrozen.reads().errors(),
					oneFrozen.orders().latency().p99(), oneFrozen.orders().latency().max(),
					oneFrozen.orders().errors());
			return new Result(CONNECTIONS, duration.toSeconds(), answering, oneFrozen);
		}
	}

	private static Phase phase(Shop shop, String reads, String orders, String sku, Duration duration) {
		HttpRequest read = HttpRequest.newBuilder(URI.create(reads)).GET().build();
		HttpRequest.Builder order = HttpRequest.newBuilder(URI.create(orders))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(Shop.orderBody(sku)));
		String authorization = shop.authorization();
		if (authorization != null) {
			order.header("Authorization", authorization);
		}
		return new Phase(TimedLoad.run(read, CONNECTIONS, duration),
				TimedLoad.run(order.build(), CONNECTIONS, duration));
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
	 * @param connections the clients of each load
	 * @param durationSeconds the length of each load
	 * @param answering both instances answering
	 * @param oneFrozen the second instance frozen for both loads
	 */
	record Result(int connections, long durationSeconds, Phase answering, Phase oneFrozen) {

	}

}
