package io.microshop.order.ordering.web;

import java.time.Duration;
import java.util.List;

import io.microshop.order.ordering.IdempotencyKeyReusedException;
import io.microshop.order.ordering.InvalidIdempotencyKeyException;
import io.microshop.order.ordering.OrderNotCancellableException;
import io.microshop.order.ordering.OrderNotFoundException;
import io.microshop.order.pricing.PricesUnavailableException;
import io.microshop.order.pricing.UnknownSkuException;
import io.microshop.web.ApiExceptionHandler;
import io.microshop.web.ApiProblem;
import io.microshop.web.FieldError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.core.NestedExceptionUtils;
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

	// A concurrent change of one order lasts one short transaction
	static final Duration CONCURRENT_UPDATE_RETRY_AFTER = Duration.ofSeconds(1);

	@ExceptionHandler
	ProblemDetail orderNotFound(OrderNotFoundException ex) {
		return ApiProblem.of(HttpStatus.NOT_FOUND, "order-not-found", "Order not found", ex.getMessage());
	}

	@ExceptionHandler
	ProblemDetail foreignCustomer(ForeignCustomerException ex) {
		return ApiProblem.of(HttpStatus.FORBIDDEN, "forbidden", "Forbidden", ex.getMessage());
	}

	@ExceptionHandler
	ProblemDetail orderNotCancellable(OrderNotCancellableException ex) {
		return ApiProblem.of(HttpStatus.CONFLICT, "order-not-cancellable", "Order cannot be cancelled",
				ex.getMessage());
	}

	// Unreachable in normal operation: every change of an order locks its row first, so
	// concurrent changes wait for each other and the version check behind this exception
	// is only a safety net (against a writer that skipped the lock, say). Should it trip,
	// the request was not wrong and changed nothing: a 409 would claim a conflict with
	// the order's state (the API keeps 409 for a rejected order), while 503 with
	// Retry-After says "try again", which is safe as cancelling is idempotent
	@ExceptionHandler
	ResponseEntity<ProblemDetail> concurrentUpdate(OptimisticLockingFailureException ex) {
		logger.warn("Order changed concurrently despite the row lock: {}", ex.getMessage());
		ProblemDetail problem = ApiProblem.of(HttpStatus.SERVICE_UNAVAILABLE, "concurrent-update",
				"Order changed meanwhile", "The order changed while the request was handled; retry later");
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.header(HttpHeaders.RETRY_AFTER, String.valueOf(CONCURRENT_UPDATE_RETRY_AFTER.toSeconds()))
			.body(problem);
	}

	// The header is checked once the body is valid, so a request wrong in both places
	// hears about the body first
	@ExceptionHandler
	ResponseEntity<Object> invalidIdempotencyKey(InvalidIdempotencyKeyException ex) {
		return invalid("The request has an invalid header",
				List.of(new FieldError(OrderController.IDEMPOTENCY_KEY, ex.getMessage())));
	}

	@ExceptionHandler
	ProblemDetail idempotencyKeyReused(IdempotencyKeyReusedException ex) {
		return ApiProblem.of(HttpStatus.UNPROCESSABLE_CONTENT, "idempotency-key-reused", "Idempotency key reused",
				ex.getMessage());
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
		logger.warn("Order not placed: {} (cause: {})", ex.getMessage(),
				NestedExceptionUtils.getMostSpecificCause(ex).toString());
		ProblemDetail problem = ApiProblem.of(HttpStatus.SERVICE_UNAVAILABLE, "prices-unavailable",
				"Prices unavailable", "The prices cannot be fetched right now; retry later");
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.header(HttpHeaders.RETRY_AFTER, String.valueOf(RETRY_AFTER.toSeconds()))
			.body(problem);
	}

}
