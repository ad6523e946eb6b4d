package io.microshop.web;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * One entry of a validation problem's {@code errors} list.
 *
 * @param field the request field (or parameter) that was rejected, e.g.
 * {@code lines[0].quantity}
 * @param message why it was rejected
 */
public record FieldError(
		@Schema(description = "The rejected field or parameter", example = "lines[0].quantity") String field,
		@Schema(description = "Why it was rejected", example = "must be greater than 0") String message) {

}
