package io.microshop.security;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.observation.SecurityObservationSettings;

/**
 * Spring Security's own observations off, in the gateway and every service. When
 * Micrometer is present, Spring Security wraps each filter of its chain, each
 * authentication and each authorization in an observation of its own. Measured, those
 * wrappers were most of what identity cost per request: with them, every order took three
 * times the CPU in every service, and even switched off with
 * {@code management.observations.enable.spring.security=false} the wrappers stayed in the
 * chain, each one more operator on every request of the gateway (benchmarks/README.md).
 * With these settings Spring Security adds none. The requests are still observed as HTTP
 * requests, and a refused token is still counted by its status.
 */
@AutoConfiguration
@ConditionalOnClass(SecurityObservationSettings.class)
public class SecurityObservationsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	SecurityObservationSettings noSecurityObservations() {
		return SecurityObservationSettings.noObservations();
	}

}
