package io.microshop.messaging;

/**
 * Thrown by a listener for a record it can never process, whatever the retries: not JSON,
 * or missing what its type requires. Such a record goes to the dead-letter topic at once.
 */
public class MalformedMessageException extends RuntimeException {

	public MalformedMessageException(String message) {
		super(message);
	}

	public MalformedMessageException(String message, Throwable cause) {
		super(message, cause);
	}

}
