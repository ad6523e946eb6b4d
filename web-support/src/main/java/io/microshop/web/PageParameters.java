package io.microshop.web;

import io.swagger.v3.oas.annotations.Parameter;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springdoc.core.annotations.ParameterObject;

import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;

/**
 * The {@code page} and {@code size} query parameters of every collection. Bind it with
 * {@code @Valid PageParameters pageParameters}; out-of-range values become a 400 problem.
 *
 * @param page the page number, from 0 to {@value #MAX_PAGE}
 * @param size the page size, 1 to {@value #MAX_SIZE}
 */
@ParameterObject
public record PageParameters(
		@Parameter(description = "The page, from 0", example = "0") @Min(0) @Max(MAX_PAGE) Integer page,
		@Parameter(description = "How many on a page, 1 to 100 (20 when left out)",
				example = "20") @Min(1) @Max(MAX_SIZE) Integer size) {

	public static final int DEFAULT_SIZE = 20;

	public static final int MAX_SIZE = 100;

	/**
	 * The last page number whose offset ({@code page * size}) a database query can still
	 * take, whatever the size.
	 */
	public static final int MAX_PAGE = Integer.MAX_VALUE / MAX_SIZE;

	public PageParameters {
		page = (page != null) ? page : 0;
		size = (size != null) ? size : DEFAULT_SIZE;
	}

	public Pageable toPageable(Sort sort) {
		return PageRequest.of(this.page, this.size, sort);
	}

}
