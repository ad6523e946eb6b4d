package io.microshop.notification.messaging;

/**
 * An order event that cannot be read: not JSON, or missing a field this service needs.
 * Retrying cannot help, so it goes straight to the dead-letter topic.
 */
class MalformedEventException extends RuntimeException {

	MalformedEventException(String message) {
		super(message);
	}

	MalformedEventException(String message, Throwable cause) {
		super(message, cause);
	}

}
