package io.microshop.gateway.problem;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;

import io.microshop.gateway.edge.RequestBodyTimeoutException;

import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.NotFoundException;
import org.springframework.cloud.gateway.support.ServiceUnavailableException;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;

/**
 * Translates what went wrong while routing a request into the problem the client sees.
 * Only failures of the gateway itself end up here: when a service answered, its response
 * (problem bodies included) is passed through untouched.
 */
final class GatewayProblems {

	private static final String TYPE_PREFIX = "urn:microshop:problem:";

	private GatewayProblems() {
	}

	static ProblemDetail of(Throwable error, ServerWebExchange exchange) {
		String service = serviceOf(exchange);
		RequestBodyTimeoutException bodyTimeout = causeOf(error, RequestBodyTimeoutException.class);
		if (bodyTimeout != null) {
			return problem(HttpStatus.REQUEST_TIMEOUT, "request-timeout", "Request timeout", bodyTimeout.getMessage());
		}
		if (error instanceof HttpClientErrorException.TooManyRequests) {
			// the RequestRateLimiter filter's refusal (throw-on-limit): the request was
			// not
			// forwarded
			return problem(HttpStatus.TOO_MANY_REQUESTS, "too-many-requests", "Too many requests",
					"This client sent more requests than its rate limit allows; try again after Retry-After seconds");
		}
		if (error instanceof NotFoundException notFound) {
			// Spring Cloud Gateway throws this with 503 when the load balancer has no
			// instance
			return problem(notFound.getStatusCode(), "service-unavailable", "Service unavailable",
					"No instance of " + service + " is available right now; try again shortly");
		}
		if (error instanceof ServiceUnavailableException) {
			// the route's circuit breaker is open: the request was not forwarded
			return problem(HttpStatus.SERVICE_UNAVAILABLE, "service-unavailable", "Service unavailable",
					service + " is not answering; calls to it are paused for a few seconds, try again after "
							+ "Retry-After seconds");
		}
		if (causedBy(error, ConnectException.class) || causedBy(error, UnknownHostException.class)) {
			return problem(HttpStatus.SERVICE_UNAVAILABLE, "service-unavailable", "Service unavailable",
					service + " could not be reached; try again shortly");
		}
		if (error instanceof ResponseStatusException statusError) {
			return fromStatus(statusError, service, exchange);
		}
		if (causedBy(error, IOException.class)) {
			return problem(HttpStatus.BAD_GATEWAY, "bad-gateway", "Bad gateway",
					"The connection to " + service + " failed before it answered");
		}
		return problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "Internal server error",
				"The gateway failed to handle the request");
	}

	private static ProblemDetail fromStatus(ResponseStatusException error, String service, ServerWebExchange exchange) {
		HttpStatusCode status = error.getStatusCode();
		if (status.value() == HttpStatus.GATEWAY_TIMEOUT.value()) {
			return problem(status, "gateway-timeout", "Gateway timeout", service + " did not answer in time");
		}
		if (status.value() == HttpStatus.NOT_FOUND.value()) {
			return problem(status, "not-found", "Not found",
					"No resource at " + exchange.getRequest().getPath().value());
		}
		HttpStatus known = HttpStatus.resolve(status.value());
		String title = (known != null) ? known.getReasonPhrase() : "HTTP " + status.value();
		String detail = (error.getReason() != null) ? error.getReason() : title;
		return problem(status, title.toLowerCase().replace(' ', '-'), title, detail);
	}

	private static ProblemDetail problem(HttpStatusCode status, String type, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(URI.create(TYPE_PREFIX + type));
		problem.setTitle(title);
		return problem;
	}

	private static String serviceOf(ServerWebExchange exchange) {
		Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
		if (route == null || route.getUri().getHost() == null) {
			return "the service";
		}
		return route.getUri().getHost();
	}

	private static boolean causedBy(Throwable error, Class<? extends Throwable> type) {
		return causeOf(error, type) != null;
	}

	private static <T extends Throwable> T causeOf(Throwable error, Class<T> type) {
		for (Throwable cause = error; cause != null; cause = cause.getCause()) {
			if (type.isInstance(cause)) {
				return type.cast(cause);
			}
		}
		return null;
	}

}
