package io.microshop.inventory.messaging;

import io.microshop.messaging.MalformedMessageException;

/**
 * An order event that is well-formed JSON but misses what inventory needs. Retrying
 * cannot help, so it goes straight to the dead-letter topic.
 */
class InvalidOrderEventException extends MalformedMessageException {

	InvalidOrderEventException(String message) {
		super(message);
	}

}
