package io.microshop.order.ordering;

import java.util.regex.Pattern;

/**
 * The client's name for one attempt at placing an order: the {@code Idempotency-Key}
 * header of {@code POST /api/orders}. Keys are case-sensitive and global, not per
 * customer.
 * <p>
 * "Printable" is read as printable ASCII, space included (0x20-0x7E): a space inside a
 * key is harmless, and leading or trailing whitespace never reaches us because it is not
 * part of an HTTP field value (the server strips it). Control characters and non-ASCII
 * are rejected, so a key is always exactly as many bytes as characters.
 *
 * @param value the key, 1 to {@value #MAX_LENGTH} printable ASCII characters
 */
public record IdempotencyKey(String value) {

	/**
	 * The longest key accepted, the width of its column.
	 */
	public static final int MAX_LENGTH = 128;

	private static final Pattern FORMAT = Pattern.compile("[\\x20-\\x7E]{1," + MAX_LENGTH + "}");

	/**
	 * @throws InvalidIdempotencyKeyException if the value is not a valid key
	 */
	public IdempotencyKey {
		if (value == null || !FORMAT.matcher(value).matches()) {
			throw new InvalidIdempotencyKeyException(MAX_LENGTH);
		}
	}

}
