package io.microshop.gateway.ratelimit;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How many requests each client may send through the gateway (API.md v2): a token bucket
 * per client that holds {@code burst} requests and fills up again at
 * {@code requestsPerSecond}.
 *
 * @param requestsPerSecond the sustained rate each client may send at
 * @param burst how many requests a client may send at once after a quiet spell
 */
@ConfigurationProperties("microshop.gateway.rate-limit")
public record RateLimits(int requestsPerSecond, int burst) {

	public RateLimits {
		if (requestsPerSecond < 1) {
			throw new IllegalArgumentException(
					"microshop.gateway.rate-limit.requests-per-second must be at least 1, not " + requestsPerSecond);
		}
		if (burst < requestsPerSecond) {
			throw new IllegalArgumentException("microshop.gateway.rate-limit.burst (" + burst
					+ ") must be at least requests-per-second (" + requestsPerSecond + ")");
		}
	}

	/**
	 * How long a client over the limit waits before its next request is accepted: the
	 * time the bucket takes to hold one request again, in whole seconds, at least one
	 * (the {@code Retry-After} of a 429).
	 * @return the seconds to wait
	 */
	public long retryAfterSeconds() {
		return Math.max(1, (long) Math.ceil(1.0 / this.requestsPerSecond));
	}

}
