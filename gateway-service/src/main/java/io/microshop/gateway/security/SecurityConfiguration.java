package io.microshop.gateway.security;

import java.time.Duration;
import java.util.List;

import io.microshop.security.ReactiveApiResourceServer;
import io.microshop.security.Roles;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.util.matcher.AndServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.OrServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsConfigurationSource;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;

import static org.springframework.security.config.Customizer.withDefaults;

/**
 * The rules of API.md v2 at the edge, checked before anything is routed (each service
 * checks them again on its own port): anyone reads the catalogue and the gateway's
 * health, only the admin changes the catalogue, orders and notifications need a customer
 * or the admin. Any other path is open here and answered by the gateway as a 404 problem,
 * since no route matches it. Spring Security's headers go on every response
 * ({@code X-Content-Type-Options: nosniff}, {@code Cache-Control: no-store}, ...).
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

	/** What anyone may read without a token (API.md v2). */
	private static final String[] CATALOGUE = { "/api/products", "/api/products/*" };

	/**
	 * Anonymous reads of the catalogue, the one public part of the API and most of its
	 * traffic: nothing to authenticate or authorize, so only the headers and CORS of
	 * every response. A catalogue read that carries a token, in its header or (refused)
	 * in its query string, goes through {@link #apiSecurity the chain of every other
	 * request}, which checks the token.
	 * @param http the gateway's security
	 * @return the chain of anonymous catalogue reads
	 */
	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE)
	SecurityWebFilterChain anonymousCatalogueReads(ServerHttpSecurity http) {
		ServerWebExchangeMatcher catalogue = new OrServerWebExchangeMatcher(
				ServerWebExchangeMatchers.pathMatchers(HttpMethod.GET, CATALOGUE),
				ServerWebExchangeMatchers.pathMatchers(HttpMethod.HEAD, CATALOGUE));
		return ReactiveApiResourceServer.anonymous(http)
			.securityMatcher(new AndServerWebExchangeMatcher(ReactiveApiResourceServer.carryingNoToken(), catalogue))
			.cors(withDefaults())
			.build();
	}

	@Bean
	SecurityWebFilterChain apiSecurity(ServerHttpSecurity http) {
		return ReactiveApiResourceServer.apply(http)
			.cors(withDefaults())
			.authorizeExchange((exchanges) -> exchanges.pathMatchers(HttpMethod.GET, CATALOGUE)
				.permitAll()
				.pathMatchers(HttpMethod.HEAD, CATALOGUE)
				.permitAll()
				.pathMatchers("/api/products", "/api/products/**")
				.hasRole(Roles.ADMIN)
				.pathMatchers("/api/orders", "/api/orders/**", "/api/notifications", "/api/notifications/**")
				.hasAnyRole(Roles.CUSTOMER, Roles.ADMIN)
				.anyExchange()
				.permitAll())
			.build();
	}

	/**
	 * CORS is closed unless origins are configured: a browser request from any other
	 * origin is refused with a 403.
	 * @param allowedOrigins the origins allowed to call the API
	 * @return the CORS rules of every path
	 */
	@Bean
	CorsConfigurationSource corsConfigurationSource(
			@Value("${microshop.gateway.cors.allowed-origins:}") List<String> allowedOrigins) {
		CorsConfiguration cors = new CorsConfiguration();
		cors.setAllowedOrigins(allowedOrigins);
		cors.setAllowedMethods(List.of("GET", "HEAD", "POST"));
		cors.setAllowedHeaders(List.of("Authorization", "Content-Type", "Idempotency-Key"));
		cors.setExposedHeaders(List.of("Location", "Retry-After", "WWW-Authenticate"));
		cors.setMaxAge(Duration.ofHours(1));
		UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
		source.registerCorsConfiguration("/**", cors);
		return source;
	}

}
