package io.microshop.gateway.ratelimit;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;

/**
 * Spring Cloud Gateway's Redis token bucket (one atomic Lua script per request), with one
 * bucket per client for the whole API: the gateway's own limiter keeps a bucket per
 * route, which would let a client send the limit to each service.
 * <p>
 * When Redis cannot be reached, or does not answer within
 * {@code spring.data.redis.timeout}, the request is let through (fail open, ADR 0011):
 * identity is still checked on every request, and the shop stays open while its limiter's
 * store is down. Each such request is counted
 * ({@code microshop.gateway.rate.limit{outcome=store-unavailable}}), and the outage is
 * logged as a warning at most once a minute.
 */
class SharedRateLimiter extends RedisRateLimiter {

	/**
	 * Not this class's own logger: RedisRateLimiter logs every failed call with its stack
	 * trace under that name, which application.yml silences.
	 */
	private static final Log logger = LogFactory.getLog(RateLimits.class);

	/**
	 * The one "route" every request counts against; the Redis keys are
	 * {@code request_rate_limiter.{api.<client>}.tokens} and {@code ....timestamp}.
	 */
	static final String BUCKETS = "api";

	private static final String METER = "microshop.gateway.rate.limit";

	private static final long WARN_EVERY_NANOS = Duration.ofMinutes(1).toNanos();

	private final Counter allowed;

	private final Counter rejected;

	private final Counter storeUnavailable;

	private final AtomicLong lastWarning = new AtomicLong(System.nanoTime() - WARN_EVERY_NANOS);

	SharedRateLimiter(RateLimits limits, MeterRegistry meters) {
		super(limits.requestsPerSecond(), limits.burst(), 1);
		this.allowed = counter(meters, "allowed");
		this.rejected = counter(meters, "rejected");
		this.storeUnavailable = counter(meters, "store-unavailable");
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
		return super.isAllowed(BUCKETS, id).doOnNext(this::count);
	}

	private void count(Response response) {
		if (!response.isAllowed()) {
			this.rejected.increment();
		}
		else if ("-1".equals(response.getHeaders().get(getRemainingHeader()))) {
			// what RedisRateLimiter answers when the script failed: let through,
			// unchecked
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
