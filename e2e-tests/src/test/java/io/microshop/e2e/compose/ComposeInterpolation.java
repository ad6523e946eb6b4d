package io.microshop.e2e.compose;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The part of Compose's variable interpolation that docker-compose.yml may use, with the
 * same rules as docker-compose v1 and Compose v2: {@code $VAR}, {@code ${VAR}},
 * {@code ${VAR:-default}} (unset or empty), {@code ${VAR-default}} (unset),
 * {@code ${VAR:?message}} (error if unset or empty), {@code ${VAR?message}} (error if
 * unset) and {@code $$} for a literal {@code $}. Unlike Compose, which warns and
 * substitutes an empty string, a variable that is not set is an error here; nested
 * defaults are not supported (v1 has none).
 */
final class ComposeInterpolation {

	private static final Pattern EXPRESSION = Pattern
		.compile("\\$(?:(\\$)|\\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?}|([A-Za-z_][A-Za-z0-9_]*)|(\\{))");

	private ComposeInterpolation() {
	}

	/**
	 * Interpolates one value.
	 * @param value the text from the compose file
	 * @param variables the variables (from .env)
	 * @return the value Compose would use
	 * @throws IllegalArgumentException if a variable is missing or required
	 */
	static String interpolate(String value, Map<String, String> variables) {
		Matcher matcher = EXPRESSION.matcher(value);
		StringBuilder result = new StringBuilder();
		while (matcher.find()) {
			matcher.appendReplacement(result, Matcher.quoteReplacement(resolve(matcher, value, variables)));
		}
		matcher.appendTail(result);
		return result.toString();
	}

	private static String resolve(Matcher matcher, String value, Map<String, String> variables) {
		if (matcher.group(1) != null) {
			return "$";
		}
		if (matcher.group(6) != null) {
			throw new IllegalArgumentException("Unsupported interpolation in '" + value + "'");
		}
		String name = (matcher.group(2) != null) ? matcher.group(2) : matcher.group(5);
		String operator = matcher.group(3);
		String argument = matcher.group(4);
		String variable = variables.get(name);
		if (argument != null && argument.contains("$")) {
			throw new IllegalArgumentException("Nested interpolation is not supported by docker-compose v1: " + value);
		}
		boolean missing = (variable == null) || (operator != null && operator.startsWith(":") && variable.isEmpty());
		if (operator == null) {
			if (variable == null) {
				throw new IllegalArgumentException("Variable " + name + " in '" + value + "' is not set in .env");
			}
			return variable;
		}
		if (!missing) {
			return variable;
		}
		if (operator.endsWith("-")) {
			return argument;
		}
		throw new IllegalArgumentException("Required variable " + name + " is missing: " + argument);
	}

	/**
	 * Interpolates every string of a parsed YAML document, as Compose does after parsing.
	 * @param node a map, list, string or scalar
	 * @param variables the variables (from .env)
	 * @return a copy with every string interpolated
	 */
	static Object interpolateAll(Object node, Map<String, String> variables) {
		if (node instanceof String text) {
			return interpolate(text, variables);
		}
		if (node instanceof Map<?, ?> map) {
			Map<String, Object> copy = new LinkedHashMap<>();
			map.forEach((key, value) -> copy.put(String.valueOf(key), interpolateAll(value, variables)));
			return copy;
		}
		if (node instanceof List<?> list) {
			List<Object> copy = new ArrayList<>();
			list.forEach((item) -> copy.add(interpolateAll(item, variables)));
			return copy;
		}
		return node;
	}

}
