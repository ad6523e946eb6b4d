package io.microshop.testidentity;

import org.springframework.boot.resttestclient.autoconfigure.RestTestClientBuilderCustomizer;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpHeaders;

/**
 * A test's {@code RestTestClient} calls as the shop's admin, who may do everything: for
 * tests of what the system does, which does not depend on who asks. Tests of who may do
 * what send their own tokens.
 */
@TestConfiguration(proxyBeanMethods = false)
public class AsTheAdmin {

	@Bean
	RestTestClientBuilderCustomizer asTheAdmin() {
		return (builder) -> builder.defaultHeader(HttpHeaders.AUTHORIZATION,
				"Bearer " + TestIdentityProvider.get().admin());
	}

}
