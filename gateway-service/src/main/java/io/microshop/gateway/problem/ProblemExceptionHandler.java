package io.microshop.gateway.problem;

import java.net.URI;
import java.util.List;

import io.microshop.gateway.ratelimit.RateLimits;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;

import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.codec.HttpMessageWriter;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.reactive.result.view.ViewResolver;
import org.springframework.web.server.ServerWebExchange;

/**
 * Answers every failure of the gateway with an {@code application/problem+json} body
 * instead of Boot's default error JSON or Whitelabel page. Ordered before Boot's own
 * handler.
 */
class ProblemExceptionHandler implements ErrorWebExceptionHandler {

	private static final Log logger = LogFactory.getLog(ProblemExceptionHandler.class);

	/**
	 * The load balancer sees new instances within a few seconds (registry and cache TTL),
	 * and an open circuit breaker lets calls through again after 5 s
	 * ({@code microshop-discovery.yml}).
	 */
	private static final String RETRY_AFTER_SECONDS = "5";

	private final ServerResponse.Context context;

	private final String rateLimitRetryAfter;

	ProblemExceptionHandler(ServerCodecConfigurer codecs, RateLimits rateLimits) {
		this.context = new WriterContext(codecs.getWriters());
		this.rateLimitRetryAfter = Long.toString(rateLimits.retryAfterSeconds());
	}

	@Override
	public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
		if (exchange.getResponse().isCommitted()) {
			return Mono.error(error);
		}
		ProblemDetail problem = GatewayProblems.of(error, exchange);
		problem.setInstance(URI.create(exchange.getRequest().getURI().getRawPath()));
		ServerResponse.BodyBuilder response = ServerResponse.status(problem.getStatus())
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
		if (problem.getStatus() == HttpStatus.SERVICE_UNAVAILABLE.value()) {
			response.header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
		}
		if (problem.getStatus() == HttpStatus.TOO_MANY_REQUESTS.value()) {
			response.header(HttpHeaders.RETRY_AFTER, this.rateLimitRetryAfter);
		}
		if (problem.getStatus() == HttpStatus.REQUEST_TIMEOUT.value()) {
			// the rest of the body may still come: the connection cannot carry another
			// request
			response.header(HttpHeaders.CONNECTION, "close");
		}
		// logged in handle, where Reactor makes the request's trace current: the line
		// carries its trace and span ids
		return Mono.just(problem).<ProblemDetail>handle((logged, sink) -> {
			log(logged, error);
			sink.next(logged);
		}).flatMap(response::bodyValue).flatMap((built) -> built.writeTo(exchange, this.context));
	}

	private void log(ProblemDetail problem, Throwable error) {
		if (problem.getStatus() == HttpStatus.INTERNAL_SERVER_ERROR.value()) {
			logger.error("Unexpected failure while routing a request", error);
		}
		else if (problem.getStatus() >= 500) {
			logger.warn(problem.getDetail() + " (" + error + ")");
		}
	}

	private record WriterContext(List<HttpMessageWriter<?>> messageWriters) implements ServerResponse.Context {

		@Override
		public List<ViewResolver> viewResolvers() {
			return List.of();
		}

	}

}
