package io.microshop.gateway.ratelimit;

import io.lettuce.core.ClientOptions.DisconnectedBehavior;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.cloud.gateway.filter.ratelimit.KeyResolver;
import org.springframework.cloud.gateway.support.ConfigurationService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

/**
 * The limiter and the key of the {@code RequestRateLimiter} filter that
 * {@code application.yml} puts on every route.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RateLimits.class)
class RateLimitConfiguration {

	@Bean
	SharedRateLimiter sharedRateLimiter(ReactiveStringRedisTemplate redis, RateLimits limits, MeterRegistry meters,
			ConfigurationService configurations) {
		return new SharedRateLimiter(redis, limits, meters, configurations);
	}

	@Bean
	KeyResolver clientKey() {
		return new ClientKey();
	}

	/**
	 * While the connection to Redis is down, Lettuce would queue each command until it
	 * reconnects or the command times out; refusing them at once lets each request
	 * through without waiting (fail open, ADR 0011).
	 * @return the customizer
	 */
	@Bean
	LettuceClientOptionsBuilderCustomizer refuseCommandsWhileDisconnected() {
		return (options) -> options.disconnectedBehavior(DisconnectedBehavior.REJECT_COMMANDS);
	}

}
