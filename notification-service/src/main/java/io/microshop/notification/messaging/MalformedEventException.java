package io.microshop.notification.messaging;

import io.microshop.messaging.MalformedMessageException;

/**
 * An order event that cannot be read: not JSON, or missing a field this service needs.
 * Retrying cannot help, so, as a {@link MalformedMessageException}, it goes straight to
 * the dead-letter topic.
 */
class MalformedEventException extends MalformedMessageException {

	MalformedEventException(String message) {
		super(message);
	}

	MalformedEventException(String message, Throwable cause) {
		super(message, cause);
	}

}
