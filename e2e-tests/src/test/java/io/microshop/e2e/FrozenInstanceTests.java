package io.microshop.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Synchronous calls when an instance hangs, on the running system: two instances of
 * inventory-service, one of them frozen with SIGSTOP (its port still accepts connections
 * and never answers), then both, then both thawed. Reads through the gateway and orders
 * (whose lines order-service prices in inventory-service) go on without a 5xx while one
 * instance is frozen; with both frozen the breakers answer 503 problems at once and
 * nothing piles up; thawed, everything works again without a restart. The figures it
 * measures are logged (docs/resilience.md has a run's).
 */
@ExtendWith(RunningSystemExtension.class)
class FrozenInstanceTests {

	private static final Logger logger = LoggerFactory.getLogger(FrozenInstanceTests.class);

	private static final int CLIENTS = 8;

	private static RunningSystem system;

	private static Gateway gateway;

	private static Gateway anonymous;

	private static Shop shop;

	@BeforeAll
	static void connect(RunningSystem runningSystem, Gateway systemGateway) {
		system = runningSystem;
		gateway = systemGateway;
		anonymous = runningSystem.anonymousGateway();
		shop = new Shop(systemGateway);
	}

	@Test
	void aFrozenInstanceIsRoutedAroundAllFrozenFailFastAndThawedTheyServeAgain() throws Exception {
		String sku = shop.createProduct(1000);
		String email = Shop.uniqueEmail();
		String secondUrl = system.startAnother("inventory-service");
		String second = system.instanceAt(secondUrl);
		List<String> placed = new ArrayList<>();
		try {
			awaitTrafficTo(secondUrl, sku, email, placed);

			// One instance frozen: 64 reads and 32 orders from 8 clients, none a 5xx
			system.freeze(second);
			long frozenAt = System.nanoTime();
			List<Call> calls = load(sku, email, 8, 4);
			calls.stream().filter(Call::placedAnOrder).forEach((call) -> placed.add(call.orderId()));
			logger.info("One of two inventory-service instances frozen: {}", summary(calls));
			assertThat(calls).hasSize(CLIENTS * 12)
				.allSatisfy((call) -> assertThat(call.status()).as(call.toString()).isIn(200, 201));
			assertThat(percentile(calls, 95)).as("p95").isLessThan(Duration.ofSeconds(2));

			// and the registry drops it once its lease expires
			await().atMost(Duration.ofSeconds(60))
				.pollInterval(Duration.ofMillis(500))
				.until(() -> registered("inventory-service") == 1);
			logger.info("The frozen instance left Eureka {} s after it froze",
					Duration.ofNanos(System.nanoTime() - frozenAt).toSeconds());

			// Every instance frozen: the breakers open and answer at once
			system.freeze("inventory-service");
			Usage gatewayBefore = Usage.of(system.pidOf("gateway-service"));
			Usage ordersBefore = Usage.of(system.pidOf("order-service"));
			List<Call> failing = load(sku, email, 3, 3);
			logger.info("Every inventory-service instance frozen: {}", summary(failing));
			assertThat(failing).allSatisfy((call) -> {
				assertThat(call.status()).as(call.toString()).isIn(503, 504);
				assertThat(call.took()).as(call.toString()).isLessThan(Duration.ofSeconds(4));
			});
			List<Call> refused = new ArrayList<>();
			for (int i = 0; i < 10; i++) {
				refused.add(Call.order(gateway, sku, email));
			}
			logger.info("Orders once order-service's breaker is open: {}", summary(refused));
			assertThat(refused).allSatisfy((call) -> {
				assertThat(call.status()).isEqualTo(503);
				assertThat(call.retryAfter()).isNotNull();
				assertThat(call.problemType()).isEqualTo("urn:microshop:problem:prices-unavailable");
			});
			assertThat(percentile(refused, 50)).as("median").isLessThan(Duration.ofMillis(100));
			Usage gatewayAfter = Usage.of(system.pidOf("gateway-service"));
			Usage ordersAfter = Usage.of(system.pidOf("order-service"));
			logger.info("gateway-service before and after: {} / {}; order-service: {} / {}", gatewayBefore,
					gatewayAfter, ordersBefore, ordersAfter);
			assertThat(gatewayAfter.threads() - gatewayBefore.threads()).as("gateway threads added").isLessThan(5);
			assertThat(ordersAfter.threads() - ordersBefore.threads()).as("order-service threads added").isLessThan(10);
			assertThat(gatewayAfter.files() - gatewayBefore.files()).as("gateway sockets added").isLessThan(40);
			assertThat(ordersAfter.files() - ordersBefore.files()).as("order-service sockets added").isLessThan(40);
		}
		finally {
			system.thaw("inventory-service");
			system.thaw(second);
		}

		// Thawed: within 30 s orders and reads succeed again, nobody restarted anything
		long thawedAt = System.nanoTime();
		await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
			Call read = Call.read(anonymous, sku);
			Call order = Call.order(gateway, sku, email);
			if (order.placedAnOrder()) {
				placed.add(order.orderId());
			}
			assertThat(read.status()).isEqualTo(200);
			assertThat(order.status()).isEqualTo(201);
		});
		logger.info("Reads and orders succeeded again {} ms after the thaw",
				Duration.ofNanos(System.nanoTime() - thawedAt).toMillis());
		String metrics = metricsOf("order-service");
		assertThat(metrics).as("half-open probing, in order-service's metrics")
			.containsPattern(
					"microshop_circuitbreaker_transitions_total\\{from=\"open\",name=\"inventory-service\",to=\"half_open\"\\} [1-9]");
		system.stop(second);

		// and no order placed meanwhile is lost
		assertThat(shop.awaitAllDecided(email, placed.size(), Duration.ofMinutes(3)))
			.allSatisfy((id, order) -> assertThat(order.get("status").asString()).isEqualTo("CONFIRMED"));
	}

	/**
	 * Waits until both the gateway (reads) and order-service (price lookups) send calls
	 * to the new instance.
	 */
	private static void awaitTrafficTo(String url, String sku, String email, List<String> placed) {
		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
			double before = productLookups(url);
			for (int i = 0; i < 4; i++) {
				assertThat(Call.read(anonymous, sku).status()).isEqualTo(200);
			}
			assertThat(productLookups(url)).as("reads through the gateway").isGreaterThan(before);
		});
		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
			double before = productLookups(url);
			for (int i = 0; i < 2; i++) {
				Call order = Call.order(gateway, sku, email);
				assertThat(order.status()).isEqualTo(201);
				placed.add(order.orderId());
			}
			assertThat(productLookups(url)).as("order-service's price lookups").isGreaterThan(before);
		});
	}

	/**
	 * Each of {@value #CLIENTS} clients reads and orders one after the other.
	 */
	private static List<Call> load(String sku, String email, int reads, int orders) throws Exception {
		try (ExecutorService clients = Executors.newFixedThreadPool(CLIENTS)) {
			List<Future<List<Call>>> results = new ArrayList<>();
			for (int client = 0; client < CLIENTS; client++) {
				results.add(clients.submit(() -> {
					List<Call> calls = new ArrayList<>();
					int all = reads + orders;
					for (int i = 0; i < all; i++) {
						// the orders spread evenly among the reads
						boolean order = (i * orders / all) != ((i + 1) * orders / all);
						calls.add(order ? Call.order(gateway, sku, email) : Call.read(anonymous, sku));
					}
					return calls;
				}));
			}
			List<Call> all = new ArrayList<>();
			for (Future<List<Call>> result : results) {
				all.addAll(result.get());
			}
			return all;
		}
	}

	private static Duration percentile(List<Call> calls, int percentile) {
		List<Duration> took = new ArrayList<>(calls.stream().map(Call::took).toList());
		Collections.sort(took);
		return took.get(Math.max(0, (int) Math.ceil(percentile / 100.0 * took.size()) - 1));
	}

	private static String summary(List<Call> calls) {
		return "%d calls (%d orders), statuses %s, p50 %d ms, p95 %d ms, max %d ms".formatted(calls.size(),
				calls.stream().filter(Call::isOrder).count(),
				calls.stream().collect(Collectors.groupingBy(Call::status, TreeMap::new, Collectors.counting())),
				percentile(calls, 50).toMillis(), percentile(calls, 95).toMillis(), percentile(calls, 100).toMillis());
	}

	private static int registered(String service) throws IOException, InterruptedException {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(system.discoveryUrl() + "/eureka/apps/" + service.toUpperCase()))
				.header("Accept", "application/json")
				.build(), HttpResponse.BodyHandlers.ofString());
		Matcher instances = Pattern.compile("\"instanceId\"").matcher(response.body());
		int count = 0;
		while (instances.find()) {
			count++;
		}
		return count;
	}

	private static double productLookups(String url) throws IOException, InterruptedException {
		Matcher lookups = Pattern
			.compile("http_server_requests_seconds_count\\{[^}]*uri=\"/api/products/\\{sku}\"[^}]*} (\\S+)")
			.matcher(metrics(url));
		double sum = 0;
		while (lookups.find()) {
			sum += Double.parseDouble(lookups.group(1));
		}
		return sum;
	}

	private static String metricsOf(String service) throws IOException, InterruptedException {
		return metrics(system.service(service, null).baseUrl());
	}

	private static String metrics(String url) throws IOException, InterruptedException {
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(url + "/actuator/prometheus")).build(),
					HttpResponse.BodyHandlers.ofString())
			.body();
	}

	/** One request and what came of it. */
	record Call(boolean isOrder, int status, Duration took, String retryAfter, String problemType, String orderId) {

		static Call read(Gateway client, String sku) {
			long start = System.nanoTime();
			Gateway.Response response = client.get("/api/products/" + sku);
			return of(false, response, start);
		}

		static Call order(Gateway client, String sku, String email) {
			long start = System.nanoTime();
			Gateway.Response response = client.post("/api/orders", Shop.orderBody(email, Shop.line(sku, 1)));
			return of(true, response, start);
		}

		private static Call of(boolean order, Gateway.Response response, long start) {
			Duration took = Duration.ofNanos(System.nanoTime() - start);
			String type = response.body().path("type").asString(null);
			String id = (order && response.status() == 201) ? response.body().get("id").asString() : null;
			return new Call(order, response.status(), took, response.retryAfter(), type, id);
		}

		boolean placedAnOrder() {
			return this.orderId != null;
		}

	}

	/** A process's threads, open files (sockets among them) and resident memory. */
	record Usage(int threads, int files, long residentKiB) {

		static Usage of(long pid) throws IOException {
			Path proc = Path.of("/proc", Long.toString(pid));
			String status = Files.readString(proc.resolve("status"));
			int files;
			try (var descriptors = Files.list(proc.resolve("fd"))) {
				files = (int) descriptors.count();
			}
			return new Usage(field(status, "Threads"), files, field(status, "VmRSS"));
		}

		private static int field(String status, String name) {
			Matcher value = Pattern.compile("^" + name + ":\\s+(\\d+)", Pattern.MULTILINE).matcher(status);
			return value.find() ? Integer.parseInt(value.group(1)) : -1;
		}

		@Override
		public String toString() {
			return "%d threads, %d files, %d MiB".formatted(this.threads, this.files, this.residentKiB / 1024);
		}

	}

}
