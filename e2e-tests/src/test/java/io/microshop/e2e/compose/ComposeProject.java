package io.microshop.e2e.compose;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * docker-compose.yml as Compose sees it: parsed, then interpolated with the variables of
 * .env beside it (and only those, so that the result does not depend on the shell that
 * runs the test).
 */
final class ComposeProject {

	private final Map<String, String> dotEnv;

	private final Map<String, Object> model;

	private ComposeProject(Map<String, String> dotEnv, Map<String, Object> model) {
		this.dotEnv = dotEnv;
		this.model = model;
	}

	/**
	 * Reads {@code docker-compose.yml} and {@code .env} of a directory.
	 * @param directory the repository root
	 * @return the interpolated project
	 */
	@SuppressWarnings("unchecked")
	static ComposeProject read(Path directory) {
		Map<String, String> dotEnv = readDotEnv(directory.resolve(".env"));
		try (Reader reader = Files.newBufferedReader(directory.resolve("docker-compose.yml"))) {
			Object parsed = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
			return new ComposeProject(dotEnv,
					(Map<String, Object>) ComposeInterpolation.interpolateAll(parsed, dotEnv));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Reads a .env file: {@code KEY=value} lines, {@code #} comment lines. A value must
	 * not carry a trailing comment: docker-compose v1 would take it as part of the value.
	 * @param file the file
	 * @return the variables in file order
	 */
	static Map<String, String> readDotEnv(Path file) {
		Map<String, String> variables = new LinkedHashMap<>();
		try {
			for (String line : Files.readAllLines(file)) {
				String trimmed = line.strip();
				if (trimmed.isEmpty() || trimmed.startsWith("#")) {
					continue;
				}
				int equals = trimmed.indexOf('=');
				if (equals < 1) {
					throw new IllegalArgumentException(file + ": not a KEY=value line: " + line);
				}
				String value = trimmed.substring(equals + 1);
				if (value.contains(" #") || value.contains("\t#")) {
					throw new IllegalArgumentException(
							file + ": put the comment on a line of its own (docker-compose v1 keeps it in the value): "
									+ line);
				}
				variables.put(trimmed.substring(0, equals).strip(), unquote(value));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return variables;
	}

	private static String unquote(String value) {
		boolean quoted = value.length() >= 2
				&& (value.startsWith("\"") && value.endsWith("\"") || value.startsWith("'") && value.endsWith("'"));
		return quoted ? value.substring(1, value.length() - 1) : value;
	}

	/**
	 * The variables of .env.
	 * @return name to value
	 */
	Map<String, String> dotEnv() {
		return this.dotEnv;
	}

	/**
	 * One service.
	 * @param name its compose name
	 * @return the service
	 * @throws AssertionError if there is no such service
	 */
	ComposeService service(String name) {
		Map<String, Object> definition = services().get(name);
		if (definition == null) {
			throw new AssertionError("docker-compose.yml has no service '" + name + "'");
		}
		return new ComposeService(name, definition);
	}

	/**
	 * All services, in file order.
	 * @return the services
	 */
	List<ComposeService> allServices() {
		return services().entrySet()
			.stream()
			.map((entry) -> new ComposeService(entry.getKey(), entry.getValue()))
			.toList();
	}

	@SuppressWarnings("unchecked")
	private Map<String, Map<String, Object>> services() {
		return (Map<String, Map<String, Object>>) this.model.get("services");
	}

}
