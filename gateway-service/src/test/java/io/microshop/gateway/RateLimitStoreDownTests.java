package io.microshop.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.micrometer.core.instrument.MeterRegistry;
import io.microshop.testidentity.ImportTestIdentity;
import io.microshop.testidentity.TestIdentityProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rate limit fails open (ADR 0011): without its store, requests are served as if no
 * limit applied, without waiting long for the store, and each one is counted as
 * unchecked. Identity is still checked.
 */
class RateLimitStoreDownTests {

	private static final TestIdentityProvider identity = TestIdentityProvider.get();

	private static final StubService services = StubService.start();

	@AfterAll
	static void stopStub() {
		services.close();
	}

	static void instances(DynamicPropertyRegistry registry) {
		services.standInForEveryService(registry);
	}

	/**
	 * Nothing listens where the store should be: each command is refused at once.
	 */
	@Nested
	@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
			properties = { "eureka.client.enabled=false", RateLimitTests.REQUESTS_PER_SECOND, RateLimitTests.BURST })
	@AutoConfigureWebTestClient
	@ImportTestIdentity
	class WhenTheStoreIsGone {

		@DynamicPropertySource
		static void store(DynamicPropertyRegistry registry) {
			instances(registry);
			registry.add("spring.data.redis.port", StubService::unusedPort);
		}

		@Test
		void requestsAreServedUnlimitedAndCounted(@Autowired WebTestClient client, @Autowired MeterRegistry meters) {
			assertServedUnlimited(client, meters, Duration.ofMillis(200));
		}

	}

	/**
	 * The store accepts connections and never answers: each command times out
	 * ({@code spring.data.redis.timeout}, 250 ms).
	 */
	@Nested
	@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
			properties = { "eureka.client.enabled=false", RateLimitTests.REQUESTS_PER_SECOND, RateLimitTests.BURST })
	@AutoConfigureWebTestClient
	@ImportTestIdentity
	class WhenTheStoreHangs {

		private static final SilentServer silent = new SilentServer();

		@DynamicPropertySource
		static void store(DynamicPropertyRegistry registry) {
			instances(registry);
			registry.add("spring.data.redis.port", silent::port);
		}

		@AfterAll
		static void stopSilentServer() {
			silent.close();
		}

		@Test
		void requestsAreServedUnlimitedAfterTheStoresTimeout(@Autowired WebTestClient client,
				@Autowired MeterRegistry meters) {
			assertServedUnlimited(client, meters, Duration.ofSeconds(1));
		}

	}

	private static void assertServedUnlimited(WebTestClient client, MeterRegistry meters, Duration eachWithin) {
		String token = "Bearer " + identity.customer("fail-open@example.com");
		// more than the burst of five: none is refused
		for (int i = 0; i < 8; i++) {
			long started = System.nanoTime();
			client.get()
				.uri("/api/orders")
				.header(HttpHeaders.AUTHORIZATION, token)
				.exchange()
				.expectStatus()
				.isOk()
				.expectHeader()
				.valueEquals("X-RateLimit-Remaining", "-1");
			if (i > 0) {
				// the first request also starts the client's connection to the store
				assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(eachWithin);
			}
		}
		assertThat(meters.get("microshop.gateway.rate.limit").tag("outcome", "store-unavailable").counter().count())
			.isEqualTo(8);
		// identity is no less checked
		client.get().uri("/api/orders").exchange().expectStatus().isUnauthorized();
	}

	/**
	 * Accepts connections and reads nothing, answers nothing.
	 */
	private static final class SilentServer implements AutoCloseable {

		private final ServerSocket socket;

		private final List<Socket> accepted = new CopyOnWriteArrayList<>();

		SilentServer() {
			try {
				this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			Thread.ofVirtual().start(() -> {
				while (!this.socket.isClosed()) {
					try {
						this.accepted.add(this.socket.accept());
					}
					catch (IOException ex) {
						return;
					}
				}
			});
		}

		int port() {
			return this.socket.getLocalPort();
		}

		@Override
		public void close() {
			try {
				this.socket.close();
				for (Socket connection : this.accepted) {
					connection.close();
				}
			}
			catch (IOException ex) {
				// closing anyway
			}
		}

	}

}
