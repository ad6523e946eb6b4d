package io.microshop.observability;

import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Names the trace of each request in its response ({@link TraceIdHeader}), refusals of
 * the security chain included: WebFlux observes the request before any filter runs, and
 * this filter runs first. The header is set as the response is committed, replacing the
 * one a proxied service sent (the gateway's route copies the service's headers).
 */
class ReactiveTraceIdHeader implements WebFilter, Ordered {

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		TraceIdHeader.traceId(ServerRequestObservationContext.findCurrent(exchange.getAttributes()))
			.ifPresent((traceId) -> exchange.getResponse().beforeCommit(() -> {
				exchange.getResponse().getHeaders().set(TraceIdHeader.NAME, traceId);
				return Mono.empty();
			}));
		return chain.filter(exchange);
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
