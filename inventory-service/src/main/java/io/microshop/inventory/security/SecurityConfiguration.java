package io.microshop.inventory.security;

import io.microshop.security.ApiResourceServer;
import io.microshop.security.Roles;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;

import static org.springframework.security.config.Customizer.withDefaults;

/**
 * Who may do what on inventory-service's port (API.md v2), the same rules as at the
 * gateway: anyone reads the catalogue, only an admin changes it; the dead letters and
 * every other actuator endpoint but the probes need an admin too.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

	/** What anyone may read without a token (API.md v2). */
	private static final String[] CATALOGUE = { "/api/products", "/api/products/*" };

	/**
	 * Anonymous reads of the catalogue, most of this service's traffic (order-service's
	 * price lookups among them): nothing to authenticate or authorize, so only the
	 * headers of every response. A read that carries a token goes through
	 * {@link #apiSecurity the chain of every other request}, which checks it.
	 * @param http the service's security
	 * @return the chain of anonymous catalogue reads
	 */
	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE)
	SecurityFilterChain anonymousCatalogueReads(HttpSecurity http) {
		PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
		return ApiResourceServer
			.anonymous(http,
					new OrRequestMatcher(paths.matcher(HttpMethod.GET, CATALOGUE[0]),
							paths.matcher(HttpMethod.GET, CATALOGUE[1])))
			.build();
	}

	@Bean
	SecurityFilterChain apiSecurity(HttpSecurity http) {
		return http.with(ApiResourceServer.defaults(), withDefaults())
			.authorizeHttpRequests((requests) -> requests.requestMatchers(HttpMethod.GET, CATALOGUE)
				.permitAll()
				.requestMatchers(ApiResourceServer.PROBES)
				.permitAll()
				.requestMatchers(HttpMethod.GET, ApiResourceServer.API_DOCUMENTS)
				.permitAll()
				.anyRequest()
				.hasRole(Roles.ADMIN))
			.build();
	}

}
