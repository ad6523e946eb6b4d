package io.microshop.gateway.problem;

import io.microshop.gateway.ratelimit.RateLimits;

import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.codec.ServerCodecConfigurer;

@Configuration(proxyBeanMethods = false)
class ProblemConfiguration {

	/**
	 * Boot's {@code DefaultErrorWebExceptionHandler} sits at order -1; this one runs
	 * first so clients never see its error attributes or a Whitelabel page.
	 */
	@Bean
	@Order(-2)
	ErrorWebExceptionHandler problemExceptionHandler(ServerCodecConfigurer codecs, RateLimits rateLimits) {
		return new ProblemExceptionHandler(codecs, rateLimits);
	}

}
