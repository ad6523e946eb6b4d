package io.microshop.testidentity;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistrar;

@TestConfiguration(proxyBeanMethods = false)
class TestIdentityConfiguration {

	@Bean
	static DynamicPropertyRegistrar testIdentityProviderKeys() {
		return (registry) -> registry.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri",
				() -> TestIdentityProvider.get().jwkSetUri());
	}

}
