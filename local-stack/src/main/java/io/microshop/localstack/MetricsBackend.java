package io.microshop.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Prometheus, which scrapes the gateway and every service instance it finds through
 * Eureka and evaluates the shop's alert rules: Debian's {@code prometheus} package when
 * it is installed (there is none on Maven Central), on loopback. The configuration and
 * the rules are compose's own ({@code observability/prometheus/}), with Eureka's address
 * changed to this machine's and the alerting block left out: there is no Alertmanager
 * here, and the alerts show in Prometheus's own UI. The shop's Grafana dashboards are
 * drawn by Prometheus's console pages ({@link DashboardConsoles},
 * {@code /consoles/index.html}). Without the package the stack runs without it, and says
 * how to get it.
 */
public final class MetricsBackend {

	/**
	 * Prometheus's own port.
	 */
	public static final int PORT = 9090;

	static final String COMPOSE_EUREKA = "http://discovery-service:8761/eureka";

	static final String ALERTING_START = "# --- alerting: compose only ---";

	static final String ALERTING_END = "# --- end of alerting ---";

	private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

	private MetricsBackend() {
	}

	/**
	 * Where Prometheus is installed, if it is.
	 * @return its binary
	 */
	public static Optional<Path> binary() {
		return Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
			.filter((directory) -> !directory.isBlank())
			.map((directory) -> Path.of(directory, "prometheus"))
			.filter(Files::isExecutable)
			.findFirst();
	}

	/**
	 * Starts Prometheus and waits until it is ready.
	 * @param binary the {@code prometheus} binary
	 * @param root the repository's root (the configuration is found under it)
	 * @param work the launcher's directory: the configuration and the console pages go to
	 * {@code prometheus/}, the samples to {@code data/prometheus}
	 * @param port the port it listens on, on loopback only
	 * @param eurekaUrl where Eureka is, e.g. {@code http://localhost:8761/eureka}
	 * @param output told of each line it prints
	 * @param again whether this starts it again after it ended (its log is added to)
	 * @return the running server
	 */
	public static ManagedProcess start(Path binary, Path root, Path work, int port, String eurekaUrl, Output output,
			boolean again) {
		Path configuration = writeConfiguration(root.resolve("observability/prometheus"), work.resolve("prometheus"),
				eurekaUrl);
		Path consoles = work.resolve("prometheus/consoles");
		Path libraries = work.resolve("prometheus/console_libraries");
		DashboardConsoles.write(root.resolve("observability/grafana/dashboards"), consoles, libraries);
		List<String> command = List.of(binary.toString(), "--config.file=" + configuration,
				"--storage.tsdb.path=" + work.resolve("data/prometheus"), "--storage.tsdb.retention.time=2d",
				"--web.listen-address=127.0.0.1:" + port, "--web.enable-lifecycle",
				"--web.console.templates=" + consoles, "--web.console.libraries=" + libraries);
		ManagedProcess prometheus = ManagedProcess.start("metrics-backend", command,
				work.resolve("logs/metrics-backend.log"), output, again);
		try {
			Probe.await(prometheus, url(port) + "/-/ready", START_TIMEOUT, (response) -> response.statusCode() == 200,
					"did not become ready");
		}
		catch (RuntimeException ex) {
			prometheus.close();
			throw ex;
		}
		return prometheus;
	}

	/**
	 * Writes compose's configuration with Eureka's address changed and without its
	 * alerting block, and the rules beside it.
	 * @param source the directory of compose's {@code prometheus.yml} and its rules
	 * @param target where the configuration is written
	 * @param eurekaUrl where Eureka is
	 * @return the configuration file
	 */
	static Path writeConfiguration(Path source, Path target, String eurekaUrl) {
		try {
			String compose = Files.readString(source.resolve("prometheus.yml"));
			int alertingStart = compose.indexOf(ALERTING_START);
			int alertingEnd = compose.indexOf(ALERTING_END);
			if (!compose.contains(COMPOSE_EUREKA) || alertingStart < 0 || alertingEnd < alertingStart) {
				throw new StartupException(source.resolve("prometheus.yml") + " no longer has " + COMPOSE_EUREKA
						+ " and the alerting block between \"" + ALERTING_START + "\" and \"" + ALERTING_END
						+ "\", which the launcher replaces");
			}
			String local = compose.substring(0, alertingStart)
					+ compose.substring(alertingEnd + ALERTING_END.length()).replace(COMPOSE_EUREKA, eurekaUrl);
			Files.createDirectories(target);
			Files.writeString(target.resolve("prometheus.yml"), local);
			Files.copy(source.resolve("alerts.yml"), target.resolve("alerts.yml"), StandardCopyOption.REPLACE_EXISTING);
			return target.resolve("prometheus.yml");
		}
		catch (IOException ex) {
			throw new StartupException("Could not write Prometheus's configuration to " + target + ": " + ex);
		}
	}

	/**
	 * Prometheus's address on a port.
	 * @param port the port it listens on
	 * @return its base URL
	 */
	public static String url(int port) {
		return "http://localhost:" + port;
	}

}
