package io.microshop.gateway;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import io.microshop.discovery.FreezableInstance;
import io.microshop.testidentity.ImportTestIdentity;
import io.microshop.testidentity.TestIdentityProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The gateway with the settings it ships with (application.yml, microshop-discovery.yml)
 * in front of two instances of inventory-service on real ports, either of which can be
 * frozen: it accepts connections and never answers, as a process stopped with SIGSTOP.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "eureka.client.enabled=false")
@AutoConfigureWebTestClient
@ImportTestIdentity
@ImportRateLimitStore
class GatewayResilienceTests {

	private static final String ADMIN = "Bearer " + TestIdentityProvider.get().admin();

	private static final String PRODUCT = """
			{"sku":"NEW","name":"Gadget","price":5.00,"quantity":3}""";

	private static final FreezableInstance first = FreezableInstance.start();

	private static final FreezableInstance second = FreezableInstance.start();

	@Autowired
	private WebTestClient client;

	@Autowired
	private CircuitBreakerRegistry breakers;

	@Autowired
	private MeterRegistry meters;

	@DynamicPropertySource
	static void instances(DynamicPropertyRegistry registry) {
		String simple = "spring.cloud.discovery.client.simple.instances.inventory-service";
		registry.add(simple + "[0].uri", first::url);
		registry.add(simple + "[1].uri", second::url);
	}

	@BeforeEach
	void everyInstanceAnswers() {
		first.thaw();
		second.thaw();
		this.breakers.getAllCircuitBreakers().forEach(CircuitBreaker::reset);
		this.client = this.client.mutate().responseTimeout(Duration.ofSeconds(10)).build();
	}

	@AfterAll
	static void stop() {
		first.close();
		second.close();
	}

	@Test
	void aReadAFrozenInstanceDoesNotAnswerIsAnsweredByTheOtherAndTheFrozenOneIsLeftOut() {
		int frozenBefore = second.requests();
		double timedOut = calls("timed-out", "first");
		double retried = calls("answered", "retry");
		second.freeze();
		List<Duration> took = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			long start = System.nanoTime();
			this.client.get().uri("/api/products/MUG-01").exchange().expectStatus().isOk();
			took.add(Duration.ofNanos(System.nanoTime() - start));
		}
		assertThat(second.requests() - frozenBefore).as("reads sent to the frozen instance").isEqualTo(1);
		assertThat(took.stream().filter((duration) -> duration.compareTo(Duration.ofMillis(900)) > 0))
			.as("reads that waited for the frozen instance (1 s, the route's timeout)")
			.hasSize(1)
			.allSatisfy((duration) -> assertThat(duration).isLessThan(Duration.ofSeconds(2)));
		assertThat(calls("timed-out", "first") - timedOut).isEqualTo(1);
		assertThat(calls("answered", "retry") - retried).isEqualTo(1);
	}

	@Test
	void aPostIsSentOnceEvenWhenNoAnswerComes() {
		int before = first.requests() + second.requests();
		first.freeze();
		second.freeze();
		this.client.post()
			.uri("/api/products")
			.header(HttpHeaders.AUTHORIZATION, ADMIN)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(PRODUCT)
			.exchange()
			.expectStatus()
			.isEqualTo(504)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("urn:microshop:problem:gateway-timeout");
		assertThat(first.requests() + second.requests() - before).as("POSTs that reached an instance").isEqualTo(1);
	}

	@Test
	void aReadNoInstanceAnswersIsTriedThreeTimesThenAGatewayTimeout() {
		double retriedBefore = calls("timed-out", "retry");
		int before = first.requests() + second.requests();
		first.freeze();
		second.freeze();
		long start = System.nanoTime();
		this.client.get().uri("/api/products/MUG-01").exchange().expectStatus().isEqualTo(504);
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(3900));
		assertThat(first.requests() + second.requests() - before).as("attempts").isEqualTo(3);
		assertThat(calls("timed-out", "retry") - retriedBefore).isEqualTo(2);
	}

	@Test
	void whenNoInstanceAnswersTheRoutesBreakerOpensAndAnswersAtOnceUntilTheServiceIsBack() throws Exception {
		first.freeze();
		second.freeze();
		// five reads at once, each a 504 after three attempts: half of the breaker's last
		// calls failed
		try (ExecutorService clients = Executors.newFixedThreadPool(5)) {
			List<Future<?>> reads = new ArrayList<>();
			for (int i = 0; i < 5; i++) {
				reads.add(clients.submit(() -> read().expectStatus().isEqualTo(504)));
			}
			for (Future<?> read : reads) {
				read.get();
			}
		}
		CircuitBreaker route = this.breakers.circuitBreaker("inventory-service");
		await().atMost(Duration.ofSeconds(2)).until(() -> route.getState() == CircuitBreaker.State.OPEN);
		int reached = first.requests() + second.requests();

		long start = System.nanoTime();
		EntityExchangeResult<byte[]> refused = read().expectStatus()
			.isEqualTo(503)
			.expectHeader()
			.valueEquals(HttpHeaders.RETRY_AFTER, "5")
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("urn:microshop:problem:service-unavailable")
			.returnResult();
		assertThat(Duration.ofNanos(System.nanoTime() - start)).as("answered without calling")
			.isLessThan(Duration.ofMillis(500));
		assertThat(new String(refused.getResponseBodyContent())).contains("inventory-service");
		assertThat(first.requests() + second.requests()).isEqualTo(reached);
		assertThat(this.meters.get("resilience4j.circuitbreaker.not.permitted.calls")
			.tag("name", "inventory-service")
			.counter()
			.count()).isPositive();
		assertThat(this.breakers.circuitBreaker("inventory-service-writes").getState())
			.as("the writes' breaker, which no write tripped")
			.isEqualTo(CircuitBreaker.State.CLOSED);

		first.thaw();
		second.thaw();
		await().atMost(Duration.ofSeconds(15))
			.pollInterval(Duration.ofMillis(200))
			.untilAsserted(() -> read().expectStatus().isOk());
		assertThat(this.meters.get("microshop.circuitbreaker.transitions")
			.tag("name", "inventory-service")
			.tag("from", "open")
			.tag("to", "half_open")
			.counter()
			.count()).isPositive();
	}

	private WebTestClient.ResponseSpec read() {
		return this.client.get().uri("/api/products/MUG-01").exchange();
	}

	private double calls(String outcome, String attempt) {
		return this.meters.find("microshop.loadbalancer.calls")
			.tag("service", "inventory-service")
			.tag("outcome", outcome)
			.tag("attempt", attempt)
			.counters()
			.stream()
			.mapToDouble((counter) -> counter.count())
			.sum();
	}

}
