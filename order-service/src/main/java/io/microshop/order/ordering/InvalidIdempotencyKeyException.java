package io.microshop.order.ordering;

/**
 * An idempotency key is empty, too long or holds other than printable ASCII characters.
 * The message says what a key must be and never repeats the rejected value, which may
 * hold control characters.
 */
public class InvalidIdempotencyKeyException extends IllegalArgumentException {

	InvalidIdempotencyKeyException(int maxLength) {
		super("must be 1 to " + maxLength + " printable ASCII characters");
	}

}
