package io.microshop.web;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;

/**
 * The {@code page} and {@code size} query parameters of every collection. Bind it with
 * {@code @Valid PageParameters pageParameters}; out-of-range values become a 400 problem.
 *
 * @param page the page number, from 0
 * @param size the page size, 1 to {@value #MAX_SIZE}
 */
public record PageParameters(@Min(0) Integer page, @Min(1) @Max(MAX_SIZE) Integer size) {

	public static final int DEFAULT_SIZE = 20;

	public static final int MAX_SIZE = 100;

	public PageParameters {
		page = (page != null) ? page : 0;
		size = (size != null) ? size : DEFAULT_SIZE;
	}

	public Pageable toPageable(Sort sort) {
		return PageRequest.of(this.page, this.size, sort);
	}

}
