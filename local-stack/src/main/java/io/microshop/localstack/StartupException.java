package io.microshop.localstack;

/**
 * A component did not start; the message says which, why, and ends with its last log
 * lines.
 */
public class StartupException extends RuntimeException {

	StartupException(ManagedProcess process, String reason) {
		super((process != null) ? "%s %s. Last lines of %s:%n%s".formatted(process.name(), reason, process.logFile(),
				process.logTail(30)) : reason);
	}

	StartupException(String message) {
		super(message);
	}

}
