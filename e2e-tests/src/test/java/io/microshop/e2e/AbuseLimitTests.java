package io.microshop.e2e;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * API.md v2's abuse limits on the running system, with Keycloak's tokens and the
 * gateway's Redis: a customer's burst over the limit meets 429 problems while another
 * customer is served as usual, and two gateway processes count against one limit. (The
 * limit is lowered here: {@link RunningSystem#REQUESTS_PER_SECOND}.)
 */
@ExtendWith(RunningSystemExtension.class)
class AbuseLimitTests {

	private static final int WAVE = 100;

	@Test
	void aBurstOverTheLimitMeets429sWhileAnotherCustomerIsServed(RunningSystem system) throws Exception {
		Gateway grace = system.gatewayAs("grace@example.com");
		Gateway ada = system.gatewayAs("ada@example.com");
		String path = "/api/notifications?orderId=" + UUID.randomUUID();
		int requests = 4 * RunningSystem.BURST;

		List<Gateway.Response> burst;
		try (ExecutorService clients = Executors.newFixedThreadPool(32)) {
			List<Future<Gateway.Response>> sent = IntStream.range(0, requests)
				.mapToObj((i) -> clients.submit(() -> grace.get(path)))
				.toList();
			Gateway.Response adas = ada.get(path);
			assertThat(adas.status()).as("another customer during the burst").isEqualTo(200);
			burst = sent.stream().map(AbuseLimitTests::result).toList();
		}

		List<Gateway.Response> refused = burst.stream().filter((response) -> response.status() == 429).toList();
		assertThat(burst).allSatisfy((response) -> assertThat(response.status()).isIn(200, 429));
		assertThat(burst.size() - refused.size()).isGreaterThanOrEqualTo(RunningSystem.BURST);
		assertThat(refused).isNotEmpty().allSatisfy((response) -> {
			assertThat(response.contentType()).startsWith("application/problem+json");
			assertThat(response.retryAfter()).isEqualTo("1");
			assertThat(response.body().get("type").asString()).isEqualTo("urn:microshop:problem:too-many-requests");
		});
		assertThat(ada.get(path).status()).isEqualTo(200);

		awaitFullBucket(grace, path);
	}

	@Test
	void twoGatewayProcessesShareOneLimit(RunningSystem system) throws Exception {
		String path = "/api/notifications?orderId=" + UUID.randomUUID();
		List<Gateway> gateways = List.of(system.gatewayAs("grace@example.com"),
				system.secondGatewayAs("grace@example.com"));
		Gateway adaAtTheSecond = system.secondGatewayAs("ada@example.com");
		// the second gateway routes once it has read the registry
		await().atMost(Duration.ofSeconds(60)).until(() -> adaAtTheSecond.get(path).status() == 200);
		awaitFullBucket(gateways.getFirst(), path);
		// in waves, until each gateway has refused Grace, however fast this machine sends
		List<Sent> burst = new ArrayList<>();
		long started = System.nanoTime();
		try (ExecutorService clients = Executors.newFixedThreadPool(32)) {
			while (!refusedByEach(burst, gateways.size()) && burst.size() < 10 * RunningSystem.BURST) {
				int sentBefore = burst.size();
				List<Future<Sent>> wave = IntStream.range(sentBefore, sentBefore + WAVE)
					.mapToObj((i) -> clients.submit(() -> new Sent(i % 2, gateways.get(i % 2).get(path))))
					.toList();
				wave.stream().map(AbuseLimitTests::result).forEach(burst::add);
			}
		}
		double seconds = (System.nanoTime() - started) / 1e9;

		long served = burst.stream().filter((sent) -> sent.response().status() == 200).count();
		assertThat(burst).allSatisfy((sent) -> assertThat(sent.response().status()).isIn(200, 429));
		// one bucket for both: a bucket per gateway would have let about twice as many
		// through
		assertThat(served).as("served by both gateways in %.1f s", seconds)
			.isGreaterThanOrEqualTo(RunningSystem.BURST)
			.isLessThanOrEqualTo((long) (RunningSystem.BURST + RunningSystem.REQUESTS_PER_SECOND * (seconds + 1)));
		assertThat(refusedByEach(burst, gateways.size())).as("each gateway refused Grace").isTrue();
		assertThat(adaAtTheSecond.get(path).status()).isEqualTo(200);

		awaitFullBucket(gateways.getFirst(), path);
	}

	private static boolean refusedByEach(List<Sent> burst, int gateways) {
		return burst.stream()
			.filter((sent) -> sent.response().status() == 429)
			.map(Sent::gateway)
			.distinct()
			.count() == gateways;
	}

	// a bucket fills up again at the limit's rate: leave it full for the other tests
	private static void awaitFullBucket(Gateway customer, String path) {
		await().atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofSeconds(1))
			.until(() -> customer.get(path).rateLimitRemaining(),
					(remaining) -> remaining != null && remaining >= RunningSystem.BURST - 2);
	}

	private static <T> T result(Future<T> response) {
		try {
			return response.get();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * A response, and which gateway gave it.
	 *
	 * @param gateway the gateway's index
	 * @param response its response
	 */
	private record Sent(int gateway, Gateway.Response response) {

	}

}
