package io.microshop.notification.security;

import io.microshop.security.ApiResourceServer;
import io.microshop.security.Roles;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

import static org.springframework.security.config.Customizer.withDefaults;

/**
 * Who may call what on notification-service's port (API.md v2), the same rules as at the
 * gateway: the notifications API needs a customer or the admin (which notifications each
 * one sees is the controller's concern); the dead letters and every other actuator
 * endpoint but the probes need the admin.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

	@Bean
	SecurityFilterChain apiSecurity(HttpSecurity http) {
		return http.with(ApiResourceServer.defaults(), withDefaults())
			.authorizeHttpRequests((requests) -> requests.requestMatchers("/api/notifications", "/api/notifications/**")
				.hasAnyRole(Roles.CUSTOMER, Roles.ADMIN)
				.requestMatchers(ApiResourceServer.PROBES)
				.permitAll()
				.requestMatchers(HttpMethod.GET, ApiResourceServer.API_DOCUMENTS)
				.permitAll()
				.anyRequest()
				.hasRole(Roles.ADMIN))
			.build();
	}

}
