package io.microshop.web;

import java.util.List;

import org.springframework.data.domain.Page;
import org.springframework.data.web.PagedModel.PageMetadata;

/**
 * A page of a collection as the API contract has it: {@code {"content": [...], "page":
 * {"size", "number", "totalElements", "totalPages"}}}.
 *
 * @param <T> the type of the elements
 * @param content the elements of this page
 * @param page where this page stands in the whole collection
 */
public record PageResponse<T>(List<T> content, PageMetadata page) {

	public static <T> PageResponse<T> of(Page<T> page) {
		return new PageResponse<>(page.getContent(),
				new PageMetadata(page.getSize(), page.getNumber(), page.getTotalElements(), page.getTotalPages()));
	}

}
