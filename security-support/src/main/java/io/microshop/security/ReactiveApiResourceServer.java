package io.microshop.security;

import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.server.resource.web.server.authentication.ServerBearerTokenAuthenticationConverter;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher.MatchResult;
import org.springframework.web.server.ServerWebExchange;

import static org.springframework.security.config.Customizer.withDefaults;

/**
 * The gateway (Spring WebFlux) as an OAuth2 resource server of API v2, with the same
 * behaviour as {@link ApiResourceServer} gives the services: stateless, bearer tokens
 * from the {@code Authorization} header only, validated with the settings of
 * {@code microshop-identity.yml}, and every refusal an RFC 9457 problem.
 */
public final class ReactiveApiResourceServer {

	private ReactiveApiResourceServer() {
	}

	/**
	 * Applies the defaults; the caller adds its rules with {@code authorizeExchange}.
	 * @param http the gateway's security
	 * @return the same, for chaining
	 */
	public static ServerHttpSecurity apply(ServerHttpSecurity http) {
		ServerAuthenticationEntryPoint unauthorized = (exchange, failure) -> write(exchange,
				SecurityProblems.unauthorized(failure, exchange.getRequest().getPath().value()),
				SecurityProblems.unauthorizedChallenge(failure));
		ServerAccessDeniedHandler forbidden = (exchange, denied) -> write(exchange,
				SecurityProblems.forbidden(exchange.getRequest().getPath().value()),
				SecurityProblems.FORBIDDEN_CHALLENGE);
		ServerBearerTokenAuthenticationConverter header = new ServerBearerTokenAuthenticationConverter();
		return http.csrf((csrf) -> csrf.disable())
			// stateless: each request's token is its identity. The default repository
			// would
			// create a web session for every request, random id and all, to look for one
			.securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
			.httpBasic((basic) -> basic.disable())
			.formLogin((login) -> login.disable())
			.logout((logout) -> logout.disable())
			.requestCache((cache) -> cache.disable())
			.exceptionHandling(
					(exceptions) -> exceptions.authenticationEntryPoint(unauthorized).accessDeniedHandler(forbidden))
			.oauth2ResourceServer((resourceServer) -> resourceServer.bearerTokenConverter((exchange) -> {
				if (HeaderOnlyBearerToken.inQueryString(exchange.getRequest().getURI().getRawQuery())) {
					return Mono.error(HeaderOnlyBearerToken.refused());
				}
				return header.convert(exchange);
			}).authenticationEntryPoint(unauthorized).accessDeniedHandler(forbidden).jwt(withDefaults()));
	}

	/**
	 * Requests that carry no token at all, neither in the {@code Authorization} header
	 * nor in the query string: only such a request may skip the chain that validates
	 * tokens (a token anywhere is checked, and one in the query string refused, even
	 * where none is needed).
	 * @return the matcher
	 */
	public static ServerWebExchangeMatcher carryingNoToken() {
		return (exchange) -> {
			ServerHttpRequest request = exchange.getRequest();
			boolean token = request.getHeaders().containsHeader(HttpHeaders.AUTHORIZATION)
					|| HeaderOnlyBearerToken.inQueryString(request.getURI().getRawQuery());
			return token ? MatchResult.notMatch() : MatchResult.match();
		};
	}

	/**
	 * The same defaults for a chain of requests that need no identity: stateless, no
	 * token read, nothing refused, the headers of every response.
	 * @param http the gateway's security
	 * @return the same, for chaining
	 */
	public static ServerHttpSecurity anonymous(ServerHttpSecurity http) {
		return http.csrf((csrf) -> csrf.disable())
			.securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
			.httpBasic((basic) -> basic.disable())
			.formLogin((login) -> login.disable())
			.logout((logout) -> logout.disable())
			.requestCache((cache) -> cache.disable());
	}

	private static Mono<Void> write(ServerWebExchange exchange, ProblemDetail problem, String challenge) {
		ServerHttpResponse response = exchange.getResponse();
		if (response.isCommitted()) {
			return Mono.empty();
		}
		response.setRawStatusCode(problem.getStatus());
		response.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, challenge);
		response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
		DataBuffer body = response.bufferFactory().wrap(SecurityProblems.body(problem));
		return response.writeWith(Mono.just(body));
	}

}
