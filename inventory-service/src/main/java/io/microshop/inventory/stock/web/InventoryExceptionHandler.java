package io.microshop.inventory.stock.web;

import io.microshop.inventory.stock.ProductNotFoundException;
import io.microshop.inventory.stock.SkuAlreadyExistsException;
import io.microshop.inventory.stock.StockLimitExceededException;
import io.microshop.web.ApiExceptionHandler;
import io.microshop.web.ApiProblem;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The service's one advice: the shared problem responses plus those of the inventory's
 * own exceptions.
 */
@RestControllerAdvice
class InventoryExceptionHandler extends ApiExceptionHandler {

	@ExceptionHandler
	ProblemDetail productNotFound(ProductNotFoundException ex) {
		return ApiProblem.of(HttpStatus.NOT_FOUND, "product-not-found", "Product not found", ex.getMessage());
	}

	@ExceptionHandler
	ProblemDetail skuExists(SkuAlreadyExistsException ex) {
		return ApiProblem.of(HttpStatus.CONFLICT, "sku-exists", "SKU already exists", ex.getMessage());
	}

	@ExceptionHandler
	ProblemDetail stockLimitExceeded(StockLimitExceededException ex) {
		return ApiProblem.of(HttpStatus.CONFLICT, "stock-limit-exceeded", "Stock limit exceeded", ex.getMessage());
	}

}
