package io.microshop.localstack;

import java.time.Duration;

/**
 * Told how the components are doing: each line of progress the local stack prints.
 */
@FunctionalInterface
public interface Progress {

	/**
	 * A component is ready for use.
	 * @param component its name
	 * @param address where it is reached
	 * @param took how long it took to become ready
	 */
	void ready(String component, String address, Duration took);

	/**
	 * Anything else worth a line: a component that exited, or is being started again.
	 * @param component its name
	 * @param message what happened
	 */
	default void note(String component, String message) {
	}

}
