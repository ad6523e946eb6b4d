package io.microshop.order.ordering;

/**
 * An idempotency key already placed an order for a different request: the client reused a
 * key it should not have, and answering with the other request's order would hide that.
 */
public class IdempotencyKeyReusedException extends RuntimeException {

	public IdempotencyKeyReusedException() {
		super("The Idempotency-Key was already used for a different request");
	}

}
