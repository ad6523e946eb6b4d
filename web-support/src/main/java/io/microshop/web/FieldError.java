package io.microshop.web;

/**
 * One entry of a validation problem's {@code errors} list.
 *
 * @param field the request field (or parameter) that was rejected, e.g.
 * {@code lines[0].quantity}
 * @param message why it was rejected
 */
public record FieldError(String field, String message) {

}
