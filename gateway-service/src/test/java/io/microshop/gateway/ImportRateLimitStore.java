package io.microshop.gateway;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistrar;

/**
 * Points the test's gateway at the {@link RateLimitStore}, the real Redis of its rate
 * limit.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Import(ImportRateLimitStore.Registrar.class)
public @interface ImportRateLimitStore {

	@TestConfiguration(proxyBeanMethods = false)
	class Registrar {

		@Bean
		static DynamicPropertyRegistrar rateLimitStorePort() {
			return (registry) -> registry.add("spring.data.redis.port", () -> RateLimitStore.get().port());
		}

	}

}
