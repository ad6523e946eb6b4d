package io.microshop.discovery;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.LoadBalancerClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.awaitility.Awaitility.await;

/**
 * The per-instance breakers through Spring Cloud LoadBalancer's own client, with
 * microshop-discovery.yml's settings, on two instances on real ports: one of them frozen
 * (it accepts connections and never answers) gets one call, then none until a probe.
 */
@SpringBootTest(
		properties = { "spring.config.import=classpath:microshop-discovery.yml", "eureka.client.enabled=false" })
class InstanceBreakersTests {

	private static final String SERVICE = "stub-service";

	private static final FreezableInstance first = FreezableInstance.start();

	private static final FreezableInstance second = FreezableInstance.start();

	private final HttpClient http = HttpClient.newHttpClient();

	@Autowired
	private LoadBalancerClient loadBalancer;

	@Autowired
	private CircuitBreakerRegistry breakers;

	@Autowired
	private MeterRegistry meters;

	@DynamicPropertySource
	static void instances(DynamicPropertyRegistry registry) {
		registry.add("spring.cloud.discovery.client.simple.instances." + SERVICE + "[0].uri", first::url);
		registry.add("spring.cloud.discovery.client.simple.instances." + SERVICE + "[1].uri", second::url);
	}

	@BeforeEach
	void everyInstanceAnswers() {
		first.thaw();
		second.thaw();
		this.breakers.getAllCircuitBreakers().forEach(CircuitBreaker::reset);
	}

	@AfterAll
	static void stop() {
		first.close();
		second.close();
	}

	@Test
	void aFrozenInstanceGetsOneCallThenOnlyProbesUntilItAnswersAgain() {
		for (int i = 0; i < 4; i++) {
			call();
		}
		assertThat(second.requests()).as("both instances take calls").isPositive();
		second.freeze();
		int before = second.requests();

		int failed = 0;
		for (int i = 0; i < 10; i++) {
			failed += callCountingFailures();
		}
		assertThat(failed).as("calls that went to the frozen instance").isEqualTo(1);
		assertThat(second.requests() - before).isEqualTo(1);
		assertThat(breakerOf(second).getState()).isEqualTo(CircuitBreaker.State.OPEN);

		// half-open after 5 s: the next call is the one probe, and it finds the instance
		// still frozen
		await().atMost(Duration.ofSeconds(10))
			.until(() -> breakerOf(second).getState() == CircuitBreaker.State.HALF_OPEN);
		assertThat(callCountingFailures() + callCountingFailures()).as("only the probe fails").isEqualTo(1);
		assertThat(second.requests() - before).isEqualTo(2);
		assertThat(breakerOf(second).getState()).isEqualTo(CircuitBreaker.State.OPEN);

		second.thaw();
		await().atMost(Duration.ofSeconds(10))
			.until(() -> breakerOf(second).getState() == CircuitBreaker.State.HALF_OPEN);
		call();
		assertThat(breakerOf(second).getState()).isEqualTo(CircuitBreaker.State.CLOSED);
		int afterRecovery = second.requests();
		for (int i = 0; i < 4; i++) {
			call();
		}
		assertThat(second.requests() - afterRecovery).as("calls to the recovered instance").isEqualTo(2);

		assertThat(count("microshop.loadbalancer.calls", "outcome", "timed-out")).isEqualTo(2);
		assertThat(transitions("closed", "open")).isEqualTo(1);
		assertThat(transitions("open", "half_open")).isEqualTo(2);
		assertThat(transitions("half_open", "open")).isEqualTo(1);
		assertThat(transitions("half_open", "closed")).isEqualTo(1);
	}

	@Test
	void whenEveryInstanceIsOutTheyAreAllCalledAgain() {
		first.freeze();
		second.freeze();
		for (int i = 0; i < 2; i++) {
			callCountingFailures();
		}
		assertThat(breakerOf(first).getState()).isEqualTo(CircuitBreaker.State.OPEN);
		assertThat(breakerOf(second).getState()).isEqualTo(CircuitBreaker.State.OPEN);
		int before = first.requests() + second.requests();

		callCountingFailures();
		assertThat(first.requests() + second.requests()).as("a call still went to an instance").isEqualTo(before + 1);
	}

	private String call() {
		try {
			return this.loadBalancer.execute(SERVICE, this::get);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private int callCountingFailures() {
		try {
			call();
			return 0;
		}
		catch (UncheckedIOException ex) {
			return 1;
		}
	}

	private String get(ServiceInstance instance) throws IOException {
		HttpRequest request = HttpRequest.newBuilder(URI.create(instance.getUri() + "/"))
			.timeout(Duration.ofMillis(300))
			.build();
		try {
			return this.http.send(request, HttpResponse.BodyHandlers.ofString()).body();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException(ex);
		}
	}

	private CircuitBreaker breakerOf(FreezableInstance instance) {
		String name = SERVICE + "@127.0.0.1:" + URI.create(instance.url()).getPort();
		return this.breakers.circuitBreaker(name, InstanceBreakers.CONFIGURATION);
	}

	private double count(String name, String tag, String value) {
		return this.meters.find(name).tag(tag, value).counters().stream().mapToDouble((c) -> c.count()).sum();
	}

	private double transitions(String from, String to) {
		return this.meters.find(BreakerTransitions.TRANSITIONS)
			.tag("name", SERVICE + "@127.0.0.1:" + URI.create(second.url()).getPort())
			.tag("from", from)
			.tag("to", to)
			.counters()
			.stream()
			.mapToDouble((c) -> c.count())
			.sum();
	}

	@SpringBootApplication
	static class TestApplication {

	}

}
