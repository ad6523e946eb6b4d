package io.microshop.gateway.ratelimit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
import org.springframework.cloud.gateway.support.ConfigurationService;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * Spring Cloud Gateway's Redis token bucket (its Lua script, its keys and its
 * {@code X-RateLimit-*} headers), with one bucket per client for the whole API and tokens
 * taken from it in {@link Lease leases}: the gateway's own limiter keeps a bucket per
 * route, which would let a client send the limit to each service, and asks Redis on every
 * request, which on two cores cost the gateway half again as much CPU per request as all
 * its other work (ADR 0011).
 * <p>
 * When Redis cannot be reached, or does not answer within
 * {@code spring.data.redis.timeout}, the request is let through (fail open, ADR 0011):
 * identity is still checked on every request, and the shop stays open while its limiter's
 * store is down. Each such request is counted
 * ({@code microshop.gateway.rate.limit{outcome=store-unavailable}}), and the outage is
 * logged as a warning at most once a minute.
 */
class SharedRateLimiter extends RedisRateLimiter {

	private static final Log logger = LogFactory.getLog(SharedRateLimiter.class);

	/**
	 * The one "route" every request counts against; the Redis keys are
	 * {@code request_rate_limiter.{api.<client>}.tokens} and {@code ....timestamp}, as
	 * the gateway's own limiter names them.
	 */
	static final String BUCKETS = "api";

	private static final String SCRIPT_LOCATION = "META-INF/scripts/request_rate_limiter.lua";

	private static final RedisScript<List<Long>> SCRIPT = script();

	private static final String METER = "microshop.gateway.rate.limit";

	private static final long WARN_EVERY_NANOS = Duration.ofMinutes(1).toNanos();

	private final ReactiveStringRedisTemplate redis;

	private final Config limits;

	private final String rate;

	private final String burst;

	/** Each client's lease; one not used for ten seconds is forgotten. */
	private final Cache<String, Lease> leases = Caffeine.newBuilder()
		.expireAfterAccess(Duration.ofSeconds(10))
		.maximumSize(100_000)
		.build();

	private final int maxLease;

	private final Counter allowed;

	private final Counter rejected;

	private final Counter storeUnavailable;

	private final AtomicLong lastWarning = new AtomicLong(System.nanoTime() - WARN_EVERY_NANOS);

	SharedRateLimiter(ReactiveStringRedisTemplate redis, RateLimits limits, MeterRegistry meters,
			ConfigurationService configurations) {
		super(redis, SCRIPT, configurations);
		this.redis = redis;
		this.limits = new Config().setReplenishRate(limits.requestsPerSecond())
			.setBurstCapacity(limits.burst())
			.setRequestedTokens(1);
		getConfig().put(BUCKETS, this.limits);
		this.rate = Integer.toString(limits.requestsPerSecond());
		this.burst = Integer.toString(limits.burst());
		this.maxLease = Lease.maxSize(limits.requestsPerSecond());
		this.allowed = counter(meters, "allowed");
		this.rejected = counter(meters, "rejected");
		this.storeUnavailable = counter(meters, "store-unavailable");
	}

	/**
	 * The gateway's own token-bucket script, read once. The script bean the gateway
	 * declares reads it from a {@code ClassPathResource} and asks the class loader on
	 * every call whether the file has changed: measured, that look-up was 9 % of the
	 * gateway's CPU samples under load (benchmarks/README.md).
	 */
	private static RedisScript<List<Long>> script() {
		try {
			String text = new ClassPathResource(SCRIPT_LOCATION).getContentAsString(StandardCharsets.UTF_8);
			@SuppressWarnings({ "unchecked", "rawtypes" })
			RedisScript<List<Long>> script = (RedisScript) RedisScript.of(text, List.class);
			return script;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Spring Cloud Gateway's " + SCRIPT_LOCATION + " could not be read", ex);
		}
	}

	private static Counter counter(MeterRegistry meters, String outcome) {
		return Counter.builder(METER)
			.description("Requests the gateway's rate limit let through, refused (429), or let through unchecked "
					+ "because its store could not be reached")
			.tag("outcome", outcome)
			.register(meters);
	}

	@Override
	public Mono<Response> isAllowed(String routeId, String id) {
		Lease lease = this.leases.get(id, (client) -> new Lease(this.maxLease));
		return take(lease, id).doOnNext(this::count);
	}

	private Mono<Response> take(Lease lease, String id) {
		Lease.Step step = lease.next(System.nanoTime(), (size) -> ask(id, size));
		return switch (step.outcome()) {
			case SERVED -> Mono.just(response(true, step.remaining()));
			case REFUSED -> Mono.just(response(false, 0));
			case WAIT -> step.grant().flatMap((grant) -> afterGrant(grant, lease, id));
		};
	}

	/**
	 * A request that waited for Redis's answer: let through unchecked if Redis could not
	 * be asked, refused if not even one token was left, and otherwise served from the new
	 * lease (or waiting for the next one, if the others took this one's tokens).
	 */
	private Mono<Response> afterGrant(Lease.Grant grant, Lease lease, String id) {
		if (grant.unavailable()) {
			return Mono.just(response(true, -1));
		}
		if (!grant.allowed() && grant.size() == 1) {
			return Mono.just(response(false, 0));
		}
		return take(lease, id);
	}

	/**
	 * One call of the script: takes {@code size} tokens from the client's bucket if it
	 * holds them, and nothing otherwise.
	 */
	private Mono<Lease.Grant> ask(String id, int size) {
		List<String> keys = List.of("request_rate_limiter.{" + BUCKETS + "." + id + "}.tokens",
				"request_rate_limiter.{" + BUCKETS + "." + id + "}.timestamp");
		// the script takes the time from Redis itself when none is given
		List<String> arguments = List.of(this.rate, this.burst, "", Integer.toString(size));
		return this.redis.execute(SCRIPT, keys, arguments)
			.next()
			.map((result) -> new Lease.Grant(size, result.get(0) == 1L, result.get(1), false))
			.onErrorResume((ex) -> {
				logger.debug("The rate limit's store did not answer", ex);
				return Mono.empty();
			})
			.defaultIfEmpty(new Lease.Grant(size, true, -1, true));
	}

	private Response response(boolean allowed, long remaining) {
		return new Response(allowed, getHeaders(this.limits, remaining));
	}

	private void count(Response response) {
		if (!response.isAllowed()) {
			this.rejected.increment();
		}
		else if ("-1".equals(response.getHeaders().get(getRemainingHeader()))) {
			this.storeUnavailable.increment();
			warnOfOutage();
		}
		else {
			this.allowed.increment();
		}
	}

	private void warnOfOutage() {
		long now = System.nanoTime();
		long last = this.lastWarning.get();
		if (now - last >= WARN_EVERY_NANOS && this.lastWarning.compareAndSet(last, now)) {
			logger.warn("The rate limit's store (Redis) cannot be reached: requests are let through unlimited "
					+ "until it answers again (counted as microshop.gateway.rate.limit{outcome=store-unavailable})");
		}
	}

}
