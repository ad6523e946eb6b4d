package io.microshop.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One {@code ./run-local.sh}, started and stopped as a user does, and what it reported in
 * {@code .local-stack/stack.json} once it was up.
 */
final class StackRun implements AutoCloseable {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final Duration STOP_TIMEOUT = Duration.ofSeconds(90);

	private final Process launcher;

	private final Path console;

	private final Status status;

	private StackRun(Process launcher, Path console, Status status) {
		this.launcher = launcher;
		this.console = console;
		this.status = status;
	}

	/**
	 * The gateway's rate limit while the suite runs. API.md's (200 requests a second per
	 * client) would refuse most of the load, which comes from one client; raised this far
	 * nothing is refused, and the limit is still counted in Redis on every request, so
	 * its cost is in the figures. The launcher hands its environment down to the
	 * services.
	 */
	static final Map<String, String> RAISED_RATE_LIMIT = Map.of("MICROSHOP_GATEWAY_RATELIMIT_REQUESTSPERSECOND",
			"1000000", "MICROSHOP_GATEWAY_RATELIMIT_BURST", "1000000");

	/**
	 * Starts the stack and waits until it is up.
	 * @param root the repository
	 * @param arguments the options of {@code run-local.sh}
	 * @param console where its console output goes
	 * @param timeout how long it may take
	 * @return the running stack
	 */
	static StackRun start(Path root, List<String> arguments, Path console, Duration timeout) {
		Path statusFile = root.resolve(".local-stack").resolve("stack.json");
		List<String> command = new ArrayList<>();
		command.add(root.resolve("run-local.sh").toString());
		command.addAll(arguments);
		try {
			Files.deleteIfExists(statusFile);
			Files.createDirectories(console.getParent());
			ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile())
				.redirectErrorStream(true)
				.redirectOutput(console.toFile());
			builder.environment().putAll(RAISED_RATE_LIMIT);
			Process launcher = builder.start();
			// stopped with the suite, also when the suite is stopped with a signal
			Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(launcher)));
			Instant deadline = Instant.now().plus(timeout);
			while (true) {
				if (Files.exists(statusFile)) {
					return new StackRun(launcher, console, Status.read(statusFile));
				}
				if (!launcher.isAlive()) {
					throw new IllegalStateException("./run-local.sh " + String.join(" ", arguments)
							+ " ended with exit code " + launcher.exitValue() + ":\n" + tail(console));
				}
				if (Instant.now().isAfter(deadline)) {
					stop(launcher);
					throw new IllegalStateException(
							"The stack was not up within " + timeout.toSeconds() + " s:\n" + tail(console));
				}
				Thread.sleep(200);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	Status status() {
		return this.status;
	}

	Path console() {
		return this.console;
	}

	/**
	 * Stops the stack as Ctrl-C does, and waits until it has.
	 */
	@Override
	public void close() {
		stop(this.launcher);
	}

	private static void stop(Process launcher) {
		launcher.destroy();
		try {
			if (!launcher.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
				launcher.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static String tail(Path console) {
		try {
			List<String> lines = Files.readAllLines(console);
			return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
		}
		catch (IOException ex) {
			return "(no console output: " + ex.getMessage() + ")";
		}
	}

	/**
	 * What the launcher reported once the stack was up.
	 *
	 * @param upAfterSeconds from the launcher's start until the gateway routed to every
	 * service
	 * @param jvm how the services' JVMs ran
	 * @param readyAfterSeconds how long each component took to become ready, once started
	 * @param processes the process of each component, and the launcher's
	 */
	record Status(double upAfterSeconds, Map<String, String> jvm, Map<String, Double> readyAfterSeconds,
			Map<String, Long> processes) {

		static Status read(Path file) throws IOException {
			JsonNode status;
			try {
				status = json.readTree(Files.readString(file));
			}
			catch (JacksonException ex) {
				throw new IOException("Unreadable " + file, ex);
			}
			Map<String, String> jvm = new LinkedHashMap<>();
			status.get("jvm").properties().forEach((field) -> jvm.put(field.getKey(), field.getValue().asString()));
			Map<String, Double> ready = new LinkedHashMap<>();
			status.get("components")
				.forEach((component) -> ready.put(component.get("name").asString(),
						component.get("readyAfterSeconds").asDouble()));
			Map<String, Long> processes = new LinkedHashMap<>();
			status.get("processes")
				.properties()
				.forEach((field) -> processes.put(field.getKey(), field.getValue().asLong()));
			return new Status(status.get("upAfterSeconds").asDouble(), jvm, ready, processes);
		}

	}

}
