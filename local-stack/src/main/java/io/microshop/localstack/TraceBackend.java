package io.microshop.localstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Zipkin, where the gateway and the services send their spans: its server's executable
 * jar from Maven Central ({@code io.zipkin:zipkin-server}, classifier {@code exec}; this
 * module's build copies it to {@code local-stack/target/zipkin/zipkin-server.jar}), run
 * as its own process with spans kept in memory. Its UI looks a trace up by the id every
 * response of the gateway carries ({@code X-Trace-Id}).
 */
public final class TraceBackend {

	/**
	 * Zipkin's own port, where the services send spans by default
	 * ({@code microshop-observability.yml}).
	 */
	public static final int PORT = 9411;

	private static final Duration START_TIMEOUT = Duration.ofMinutes(2);

	private static final List<String> JVM_OPTIONS = List.of("-Xms64m", "-Xmx256m", "-XX:+UseSerialGC");

	/**
	 * The spans kept in memory, the oldest traces dropped past it: about 3,000 orders'
	 * traces (17 spans each). Zipkin's default (500,000) does not fit its heap under a
	 * benchmark's load: measured, its old generation stayed full and it spent most of a
	 * core in garbage collection.
	 */
	private static final String MAX_SPANS = "50000";

	private TraceBackend() {
	}

	/**
	 * Starts Zipkin and waits until it reports itself healthy.
	 * @param root the repository's root (the jar is found under it)
	 * @param logDirectory where its output goes, as {@code trace-backend.log}
	 * @param port the port it listens on
	 * @param java the java launcher to run it with
	 * @param output told of each line it prints
	 * @param again whether this starts it again after it ended (its log is added to)
	 * @return the running server
	 */
	public static ManagedProcess start(Path root, Path logDirectory, int port, Path java, Output output,
			boolean again) {
		Path jar = root.resolve("local-stack/target/zipkin/zipkin-server.jar");
		if (!Files.isRegularFile(jar)) {
			throw new StartupException("No Zipkin server at " + jar
					+ ": build the local stack first (./mvnw -DskipTests -pl local-stack package)");
		}
		List<String> command = new ArrayList<>();
		command.add(java.toString());
		command.addAll(JVM_OPTIONS);
		command.add("-jar");
		command.add(jar.toString());
		// a warning of Zipkin's own metrics set-up, on every start, that says nothing to
		// a user (the registry of either Prometheus client Zipkin ships)
		command.add("--logging.level.io.micrometer.prometheusmetrics.PrometheusMeterRegistry=ERROR");
		command.add("--logging.level.io.micrometer.prometheus.PrometheusMeterRegistry=ERROR");
		Map<String, String> environment = Map.of("QUERY_PORT", Integer.toString(port), "STORAGE_TYPE", "mem",
				"MEM_MAX_SPANS", MAX_SPANS);
		ManagedProcess zipkin = ManagedProcess.start("trace-backend", command, environment,
				logDirectory.resolve("trace-backend.log"), output, again);
		try {
			Probe.await(zipkin, url(port) + "/health", START_TIMEOUT,
					(response) -> response.statusCode() == 200 && response.body().contains("UP"),
					"did not become healthy");
		}
		catch (RuntimeException ex) {
			zipkin.close();
			throw ex;
		}
		return zipkin;
	}

	/**
	 * Zipkin's address on a port.
	 * @param port the port it listens on
	 * @return its base URL
	 */
	public static String url(int port) {
		return "http://localhost:" + port;
	}

	/**
	 * Where the services send spans to Zipkin on a port.
	 * @param port the port it listens on
	 * @return the span endpoint
	 */
	public static String spanEndpoint(int port) {
		return url(port) + "/api/v2/spans";
	}

}
