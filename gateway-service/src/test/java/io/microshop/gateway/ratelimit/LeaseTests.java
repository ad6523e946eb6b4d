package io.microshop.gateway.ratelimit;

import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.microshop.gateway.RateLimitStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import org.springframework.cloud.gateway.filter.ratelimit.RateLimiter.Response;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.cloud.gateway.support.ConfigurationService;
import org.springframework.core.convert.support.DefaultConversionService;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tokens taken from each client's shared bucket in leases, on the real Redis of the
 * module's tests: a busy client costs Redis a call per lease, not per request; one over
 * its limit costs it nothing more; and however the requests are spread over gateway
 * instances, a client is never let through more often than its one bucket allows.
 */
class LeaseTests {

	private static final Pattern SCRIPT_CALLS = Pattern.compile("calls=(\\d+)");

	private static LettuceConnectionFactory connections;

	private static ReactiveStringRedisTemplate redis;

	@BeforeAll
	static void connect() {
		connections = new LettuceConnectionFactory(
				new RedisStandaloneConfiguration("localhost", RateLimitStore.get().port()));
		connections.afterPropertiesSet();
		connections.start();
		redis = new ReactiveStringRedisTemplate(connections);
	}

	@AfterAll
	static void disconnect() {
		connections.destroy();
	}

	@Test
	void aBusyClientTakesItsTokensSeveralAtATime() {
		SharedRateLimiter gateway = gateway(new RateLimits(1000, 2000));
		String client = newClient();
		long callsBefore = scriptCalls();

		List<Response> responses = send(gateway, client, 1000, 32);

		assertThat(responses).allMatch(Response::isAllowed);
		// a lease holds up to 64 tokens here (what 1,000 a second refill in 100 ms)
		assertThat(scriptCalls() - callsBefore).isLessThan(100);
	}

	@Test
	void aClientOverItsLimitIsRefusedWithoutAskingRedisForEveryRequest() {
		SharedRateLimiter gateway = gateway(new RateLimits(1, 10));
		String client = newClient();
		assertThat(send(gateway, client, 10, 32)).allMatch(Response::isAllowed);
		long callsBefore = scriptCalls();
		long started = System.nanoTime();

		// one at a time, so that none of them waits for another's answer
		List<Response> more = send(gateway, client, 500, 1);

		long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
		// the bucket refills one token a second, on Redis's clock
		assertThat(more.stream().filter(Response::isAllowed).count()).isLessThanOrEqualTo(seconds + 1);
		assertThat(scriptCalls() - callsBefore).isLessThan(50);
	}

	@Test
	void gatewayInstancesSharingABucketNeverLetAClientThroughMoreOftenThanItAllows() {
		RateLimits limits = new RateLimits(100, 200);
		SharedRateLimiter one = gateway(limits);
		SharedRateLimiter other = gateway(limits);
		String client = newClient();
		long started = System.nanoTime();

		List<Response> responses = Flux.range(0, 4000)
			.flatMap((request) -> ((request % 2 == 0) ? one : other).isAllowed("any-route", client), 64)
			.collectList()
			.block(Duration.ofSeconds(30));

		long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
		long served = responses.stream().filter(Response::isAllowed).count();
		// the bucket refills once a second, on Redis's clock
		assertThat(served).isGreaterThanOrEqualTo(limits.burst())
			.isLessThanOrEqualTo(limits.burst() + limits.requestsPerSecond() * (seconds + 1));
	}

	private static SharedRateLimiter gateway(RateLimits limits) {
		return new SharedRateLimiter(redis, limits, new SimpleMeterRegistry(),
				new ConfigurationService(new DefaultListableBeanFactory(), DefaultConversionService::new, () -> null));
	}

	private static List<Response> send(SharedRateLimiter gateway, String client, int requests, int concurrently) {
		return Flux.range(0, requests)
			.flatMap((request) -> gateway.isAllowed("any-route", client), concurrently)
			.collectList()
			.block(Duration.ofSeconds(30));
	}

	private static String newClient() {
		return "subject:" + UUID.randomUUID();
	}

	/** How often Redis has run a script so far (the limiter's only command). */
	private static long scriptCalls() {
		Properties stats = redis.execute((connection) -> connection.serverCommands().info("commandstats")).blockFirst();
		long total = 0;
		for (String command : new String[] { "cmdstat_eval", "cmdstat_evalsha" }) {
			Matcher calls = SCRIPT_CALLS.matcher(stats.getProperty(command, "calls=0"));
			if (calls.find()) {
				total += Long.parseLong(calls.group(1));
			}
		}
		return total;
	}

}
