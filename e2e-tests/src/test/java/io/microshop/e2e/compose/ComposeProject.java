package io.microshop.e2e.compose;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * docker-compose.yml as Compose itself sees it: the output of
 * {@code docker compose config} (or {@code docker-compose config}), interpolated with the
 * variables of .env beside it and only those, so that the result does not depend on the
 * shell that runs the test. Every service is in it, those behind a profile too (Compose
 * v2 is asked for all profiles; v1 always lists every service).
 * <p>
 * Without a Compose command on the machine the tests that read it are skipped, unless
 * {@value #REQUIRED} is {@code true} (as in CI), when they fail.
 */
final class ComposeProject {

	static final String REQUIRED = "MICROSHOP_REQUIRE_COMPOSE";

	private static final Duration TIMEOUT = Duration.ofMinutes(1);

	private final Map<String, String> dotEnv;

	private final Map<String, Object> model;

	private ComposeProject(Map<String, String> dotEnv, Map<String, Object> model) {
		this.dotEnv = dotEnv;
		this.model = model;
	}

	/**
	 * Reads {@code docker-compose.yml} and {@code .env} of a directory through Compose.
	 * @param directory the repository root
	 * @return the interpolated project
	 */
	@SuppressWarnings("unchecked")
	static ComposeProject read(Path directory) {
		Map<String, String> dotEnv = readDotEnv(directory.resolve(".env"));
		String config = config(directory);
		Object parsed = new Yaml(new SafeConstructor(new LoaderOptions())).load(config);
		return new ComposeProject(dotEnv, (Map<String, Object>) parsed);
	}

	private static String config(Path directory) {
		List<List<String>> commands = List.of(List.of("docker", "compose", "config"),
				List.of("docker-compose", "config"));
		List<String> tried = new ArrayList<>();
		for (List<String> command : commands) {
			Result result = run(directory, command);
			if (result == null) {
				tried.add(String.join(" ", command) + ": not installed");
				continue;
			}
			if (result.exitCode() != 0 && !result.stderr().contains("is not a docker command")
					&& !result.stderr().contains("unknown command")) {
				throw new AssertionError(String.join(" ", command) + " failed:\n" + result.stderr());
			}
			if (result.exitCode() == 0) {
				if (!result.stderr().isBlank()) {
					throw new AssertionError(String.join(" ", command) + " warned:\n" + result.stderr());
				}
				return result.stdout();
			}
			tried.add(String.join(" ", command) + ": " + result.stderr().strip());
		}
		String message = "No Compose command to read docker-compose.yml with (" + String.join("; ", tried) + ")";
		if (Boolean.parseBoolean(System.getenv(REQUIRED))) {
			throw new AssertionError(message + ", and " + REQUIRED + " is true");
		}
		System.err.println("ComposeFileTests skipped: " + message);
		Assumptions.abort(message);
		return null;
	}

	/** Runs a command in a clean environment; {@code null} if it is not installed. */
	private static Result run(Path directory, List<String> command) {
		ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile());
		Map<String, String> environment = builder.environment();
		environment.keySet().removeIf((name) -> !Set.of("PATH", "HOME", "DOCKER_HOST", "DOCKER_CONFIG").contains(name));
		// every profile's services (Compose v2 leaves the others out; v1 lists them all
		// anyway)
		environment.put("COMPOSE_PROFILES", "*");
		try {
			Path stderr = Files.createTempFile("compose-config", ".err");
			try {
				Process process = builder.redirectError(stderr.toFile()).start();
				String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
				if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
					process.destroyForcibly();
					throw new AssertionError(String.join(" ", command) + " did not end within " + TIMEOUT);
				}
				return new Result(process.exitValue(), stdout, Files.readString(stderr));
			}
			finally {
				Files.deleteIfExists(stderr);
			}
		}
		catch (IOException ex) {
			return null;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
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

	private record Result(int exitCode, String stdout, String stderr) {

	}

}
