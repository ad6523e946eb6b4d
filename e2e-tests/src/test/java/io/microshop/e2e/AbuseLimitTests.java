package io.microshop.e2e;

import java.time.Duration;
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
 * customer is served as usual. (The limit is lowered here:
 * {@link RunningSystem#REQUESTS_PER_SECOND}.)
 */
@ExtendWith(RunningSystemExtension.class)
class AbuseLimitTests {

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

		// Grace's bucket fills up again at the limit's rate: leave it full for the other
		// tests
		await().atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofSeconds(1))
			.until(() -> grace.get(path).rateLimitRemaining(),
					(remaining) -> remaining != null && remaining >= RunningSystem.BURST - 2);
	}

	private static Gateway.Response result(Future<Gateway.Response> response) {
		try {
			return response.get();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
