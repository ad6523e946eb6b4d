package io.microshop.order.ordering.web;

import java.time.Duration;

import io.microshop.order.ordering.OrderNotCancellableException;
import io.microshop.order.ordering.OrderNotFoundException;
import io.microshop.order.pricing.PricesUnavailableException;
import io.microshop.order.pricing.UnknownSkuException;
import io.microshop.web.ApiExceptionHandler;
import io.microshop.web.ApiProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The problems the orders API answers with, beyond the shared ones.
 */
@RestControllerAdvice
class OrderProblems extends ApiExceptionHandler {

	private static final Logger logger = LoggerFactory.getLogger(OrderProblems.class);

	// Long enough for a restarted inventory-service to register again
	static final Duration RETRY_AFTER = Duration.ofSeconds(5);

	@ExceptionHandler
	ProblemDetail orderNotFound(OrderNotFoundException ex) {
		return ApiProblem.of(HttpStatus.NOT_FOUND, "order-not-found", "Order not found", ex.getMessage());
	}

	@ExceptionHandler
	ProblemDetail orderNotCancellable(OrderNotCancellableException ex) {
		return ApiProblem.of(HttpStatus.CONFLICT, "order-not-cancellable", "Order cannot be cancelled",
				ex.getMessage());
	}

	@ExceptionHandler
	ProblemDetail concurrentUpdate(OptimisticLockingFailureException ex) {
		return ApiProblem.of(HttpStatus.CONFLICT, "concurrent-update", "Order changed meanwhile",
				"The order changed while the request was handled; read it again and retry");
	}

	@ExceptionHandler
	ProblemDetail unknownSku(UnknownSkuException ex) {
		ProblemDetail problem = ApiProblem.of(HttpStatus.UNPROCESSABLE_CONTENT, "unknown-sku", "Unknown sku",
				ex.getMessage());
		problem.setProperty("sku", ex.getSku());
		return problem;
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> pricesUnavailable(PricesUnavailableException ex) {
		logger.warn("Order not placed: {}", ex.getMessage());
		ProblemDetail problem = ApiProblem.of(HttpStatus.SERVICE_UNAVAILABLE, "prices-unavailable",
				"Prices unavailable", "The prices cannot be fetched right now; retry later");
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.header(HttpHeaders.RETRY_AFTER, String.valueOf(RETRY_AFTER.toSeconds()))
			.body(problem);
	}

}
