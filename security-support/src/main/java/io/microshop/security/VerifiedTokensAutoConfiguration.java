package io.microshop.security;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

/**
 * Every JWT decoder of the gateway and the services, as Spring Boot builds it from
 * {@code microshop-identity.yml}, remembers the tokens it has verified
 * ({@link VerifiedTokens}, ADR 0012): the decoder's own checks are unchanged, and run
 * once per token instead of once per call.
 */
@AutoConfiguration
@ConditionalOnClass({ JwtDecoder.class, ReactiveJwtDecoder.class })
public class VerifiedTokensAutoConfiguration {

	@Bean
	static BeanPostProcessor rememberVerifiedTokens() {
		return new BeanPostProcessor() {

			@Override
			public Object postProcessAfterInitialization(Object bean, String beanName) {
				if (bean instanceof JwtDecoder decoder) {
					return VerifiedTokens.remembering(decoder);
				}
				if (bean instanceof ReactiveJwtDecoder decoder) {
					return VerifiedTokens.remembering(decoder);
				}
				return bean;
			}

		};
	}

}
