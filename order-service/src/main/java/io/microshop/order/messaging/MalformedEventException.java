package io.microshop.order.messaging;

/**
 * A record on {@code order-events} that is not an event this service can read. Retrying
 * cannot help: it goes straight to the dead-letter topic.
 */
class MalformedEventException extends RuntimeException {

	MalformedEventException(String message, Throwable cause) {
		super(message, cause);
	}

}
