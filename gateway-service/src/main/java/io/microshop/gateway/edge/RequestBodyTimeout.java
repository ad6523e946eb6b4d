package io.microshop.gateway.edge;

import java.time.Duration;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Ends a request whose body stops arriving: when no part of it comes for the idle timeout
 * (a {@code Content-Length} that promises more than is ever sent, a client that stalls),
 * the gateway gives up with a 408 problem ({@link RequestBodyTimeoutException}) instead
 * of holding a connection to a service until the route's response timeout makes it a 504.
 * The timeout is shorter than the routes' response timeout for that reason. A request
 * without a body (no {@code Content-Length}, no {@code Transfer-Encoding}) passes as it
 * is.
 */
class RequestBodyTimeout implements WebFilter, Ordered {

	private final Duration idleTimeout;

	RequestBodyTimeout(Duration idleTimeout) {
		this.idleTimeout = idleTimeout;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		ServerHttpRequest request = exchange.getRequest();
		if (request.getHeaders().getContentLength() <= 0
				&& !request.getHeaders().containsHeader(HttpHeaders.TRANSFER_ENCODING)) {
			return chain.filter(exchange);
		}
		ServerHttpRequest timed = new ServerHttpRequestDecorator(request) {

			@Override
			public Flux<DataBuffer> getBody() {
				return super.getBody().timeout(RequestBodyTimeout.this.idleTimeout,
						Flux.error(() -> new RequestBodyTimeoutException(RequestBodyTimeout.this.idleTimeout)));
			}

		};
		return chain.filter(exchange.mutate().request(timed).build());
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
