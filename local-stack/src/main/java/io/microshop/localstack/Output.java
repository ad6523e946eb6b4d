package io.microshop.localstack;

/**
 * Where the components' output goes besides their log files: the local stack prints each
 * line prefixed with the component's name, as {@code docker compose up} does.
 */
@FunctionalInterface
public interface Output {

	/**
	 * Nothing besides the log files (the end-to-end tests).
	 */
	Output NONE = (component, line) -> {
	};

	/**
	 * One line of a component's output.
	 * @param component the component's name
	 * @param line the line, without its line break
	 */
	void line(String component, String line);

}
