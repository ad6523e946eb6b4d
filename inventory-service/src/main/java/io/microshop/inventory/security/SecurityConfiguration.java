package io.microshop.inventory.security;

import io.microshop.security.ApiResourceServer;
import io.microshop.security.Roles;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

import static org.springframework.security.config.Customizer.withDefaults;

/**
 * Who may do what on inventory-service's port (API.md v2), the same rules as at the
 * gateway: anyone reads the catalogue, only an admin changes it; the dead letters and
 * every other actuator endpoint but the probes need an admin too.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

	@Bean
	SecurityFilterChain apiSecurity(HttpSecurity http) {
		return http.with(ApiResourceServer.defaults(), withDefaults())
			.authorizeHttpRequests(
					(requests) -> requests.requestMatchers(HttpMethod.GET, "/api/products", "/api/products/*")
						.permitAll()
						.requestMatchers(ApiResourceServer.PROBES)
						.permitAll()
						.anyRequest()
						.hasRole(Roles.ADMIN))
			.build();
	}

}
