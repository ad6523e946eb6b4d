package io.microshop.security;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.util.matcher.AndRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

import static org.springframework.security.config.Customizer.withDefaults;

/**
 * A service's HTTP API as an OAuth2 resource server of API v2, for the services (Spring
 * MVC): stateless, bearer tokens from the {@code Authorization} header only, validated
 * with the settings of {@code microshop-identity.yml}, and every refusal an RFC 9457
 * problem. A service adds its own rules: <pre>
 * http.with(ApiResourceServer.defaults(), withDefaults())
 *     .authorizeHttpRequests((requests) -> requests...)
 * </pre>
 */
public final class ApiResourceServer extends AbstractHttpConfigurer<ApiResourceServer, HttpSecurity> {

	/**
	 * What stays readable without a token on a service's own port, for probes and
	 * scrapers inside the deployment's network: health and Prometheus metrics.
	 */
	public static final String[] PROBES = { "/actuator/health", "/actuator/health/**", "/actuator/prometheus" };

	/**
	 * The service's OpenAPI document, readable by anyone like the API's shape itself: the
	 * gateway's Swagger UI reads it through the gateway.
	 */
	public static final String[] API_DOCUMENTS = { "/v3/api-docs", "/v3/api-docs/**" };

	private ApiResourceServer() {
	}

	public static ApiResourceServer defaults() {
		return new ApiResourceServer();
	}

	@Override
	public void init(HttpSecurity http) {
		AuthenticationEntryPoint unauthorized = ApiResourceServer::unauthorized;
		AccessDeniedHandler forbidden = (request, response, denied) -> write(response,
				SecurityProblems.forbidden(request.getRequestURI()), SecurityProblems.FORBIDDEN_CHALLENGE);
		http.csrf((csrf) -> csrf.disable())
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache((cache) -> cache.disable())
			.formLogin((login) -> login.disable())
			.httpBasic((basic) -> basic.disable())
			.logout((logout) -> logout.disable())
			.anonymous(withDefaults())
			.exceptionHandling(
					(exceptions) -> exceptions.authenticationEntryPoint(unauthorized).accessDeniedHandler(forbidden))
			.oauth2ResourceServer((resourceServer) -> resourceServer.bearerTokenResolver(headerOnly())
				.authenticationEntryPoint(unauthorized)
				.accessDeniedHandler(forbidden)
				.jwt(withDefaults()));
	}

	/**
	 * A chain for the requests that need no identity and carry none (a public read, a
	 * probe): only the response headers of every response, nothing authenticated or
	 * authorized. A request that carries a token, in its header or (refused) in its query
	 * string, does not match and goes on to the chain with the service's rules, which
	 * checks the token. <pre>
	 * &#64;Bean &#64;Order(Ordered.HIGHEST_PRECEDENCE)
	 * SecurityFilterChain publicReads(HttpSecurity http) {
	 *     return ApiResourceServer.anonymous(http, PathPatternRequestMatcher.withDefaults().matcher(GET, "/api/x")).build();
	 * }
	 * </pre>
	 * @param http the service's security
	 * @param publicRequests the requests anyone may make
	 * @return the same, for chaining
	 */
	public static HttpSecurity anonymous(HttpSecurity http, RequestMatcher publicRequests) {
		return http.securityMatcher(new AndRequestMatcher(carryingNoToken(), publicRequests))
			.csrf((csrf) -> csrf.disable())
			.sessionManagement((sessions) -> sessions.disable())
			.securityContext((context) -> context.disable())
			.requestCache((cache) -> cache.disable())
			.anonymous((anonymous) -> anonymous.disable())
			.servletApi((servletApi) -> servletApi.disable())
			.exceptionHandling((exceptions) -> exceptions.disable())
			.formLogin((login) -> login.disable())
			.httpBasic((basic) -> basic.disable())
			.logout((logout) -> logout.disable());
	}

	/**
	 * Requests that carry no token at all, neither in the {@code Authorization} header
	 * nor in the query string.
	 * @return the matcher
	 */
	static RequestMatcher carryingNoToken() {
		return (request) -> request.getHeader(HttpHeaders.AUTHORIZATION) == null
				&& !HeaderOnlyBearerToken.inQueryString(request.getQueryString());
	}

	private static BearerTokenResolver headerOnly() {
		DefaultBearerTokenResolver header = new DefaultBearerTokenResolver();
		return (request) -> {
			if (HeaderOnlyBearerToken.inQueryString(request.getQueryString())) {
				throw HeaderOnlyBearerToken.refused();
			}
			return header.resolve(request);
		};
	}

	private static void unauthorized(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException failure) throws IOException {
		write(response, SecurityProblems.unauthorized(failure, request.getRequestURI()),
				SecurityProblems.unauthorizedChallenge(failure));
	}

	private static void write(HttpServletResponse response, ProblemDetail problem, String challenge)
			throws IOException {
		response.setStatus(problem.getStatus());
		response.setHeader(HttpHeaders.WWW_AUTHENTICATE, challenge);
		response.setContentType(SecurityProblems.CONTENT_TYPE);
		response.getOutputStream().write(SecurityProblems.body(problem));
	}

}
