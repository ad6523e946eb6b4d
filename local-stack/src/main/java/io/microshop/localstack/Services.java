package io.microshop.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Discovery, the three services and the gateway, each a Spring Boot jar in its own JVM,
 * started in dependency order and ready only once the gateway routes to every service.
 */
public final class Services implements AutoCloseable {

	private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

	private static final String NIL_UUID = "00000000-0000-0000-0000-000000000000";

	private final Settings settings;

	private final Endpoints endpoints;

	private final Progress progress;

	private final List<ManagedProcess> processes = Collections.synchronizedList(new ArrayList<>());

	private final Map<String, Launch> launches = new ConcurrentHashMap<>();

	/**
	 * Prepares the services; nothing runs until {@link #start()}.
	 * @param settings where the jars are and which ports to use
	 * @param endpoints the infrastructure
	 * @param progress told of each component as it becomes ready
	 */
	public Services(Settings settings, Endpoints endpoints, Progress progress) {
		this.settings = settings;
		this.endpoints = endpoints;
		this.progress = progress;
	}

	/**
	 * Starts every process and waits until clients can use the gateway. On failure, stops
	 * what it started and throws a {@link StartupException} that names the culprit.
	 * @return these services, running
	 */
	public Services start() {
		try {
			startAll();
			return this;
		}
		catch (RuntimeException ex) {
			close();
			throw ex;
		}
	}

	public String gatewayUrl() {
		return "http://localhost:" + this.settings.ports().gateway();
	}

	public String discoveryUrl() {
		return "http://localhost:" + this.settings.ports().discovery();
	}

	public List<ManagedProcess> processes() {
		return List.copyOf(this.processes);
	}

	private void startAll() {
		Ports ports = this.settings.ports();
		awaitHealthy(launch("discovery-service", ports.discovery(), List.of()), ports.discovery());
		List<CompletableFuture<Void>> starting = new ArrayList<>();
		starting.add(startAsync("inventory-service", ports.inventory(), databaseArguments("inventory")));
		starting.add(startAsync("order-service", ports.order(), databaseArguments("orders")));
		List<String> notification = new ArrayList<>(databaseArguments("notification"));
		notification.add("--spring.mail.host=" + this.endpoints.smtpHost());
		notification.add("--spring.mail.port=" + this.endpoints.smtpPort());
		starting.add(startAsync("notification-service", ports.notification(), notification));
		starting.add(startAsync("gateway-service", ports.gateway(), List.of()));
		try {
			CompletableFuture.allOf(starting.toArray(CompletableFuture[]::new)).join();
		}
		catch (CompletionException ex) {
			throw (ex.getCause() instanceof RuntimeException cause) ? cause : ex;
		}
		awaitRoutable();
	}

	/**
	 * Kills one service at once (SIGKILL), as a crash would, wherever it is in its work.
	 * @param name the service, e.g. {@code inventory-service}
	 */
	public void kill(String name) {
		ManagedProcess process = process(name);
		process.kill();
		this.processes.remove(process);
	}

	/**
	 * Starts a service that was {@linkplain #kill(String) killed} again, as before, and
	 * waits until it is healthy, registered and routed to. Its output goes to
	 * {@code <name>.restarted.log}.
	 * @param name the service
	 */
	public void restart(String name) {
		Launch launch = this.launches.get(name);
		if (launch == null || this.processes.stream().anyMatch((process) -> process.name().equals(name))) {
			throw new IllegalStateException(name + " is running or was never started");
		}
		awaitHealthy(launch(name, launch.port(), launch.arguments(), name + ".restarted.log"), launch.port());
		awaitRoutable();
	}

	private ManagedProcess process(String name) {
		return this.processes.stream()
			.filter((process) -> process.name().equals(name))
			.findFirst()
			.orElseThrow(() -> new IllegalStateException(name + " is not running"));
	}

	private CompletableFuture<Void> startAsync(String name, int port, List<String> arguments) {
		ManagedProcess process = launch(name, port, arguments);
		return CompletableFuture.runAsync(() -> awaitHealthy(process, port));
	}

	private ManagedProcess launch(String name, int port, List<String> arguments) {
		return launch(name, port, arguments, name + ".log");
	}

	private ManagedProcess launch(String name, int port, List<String> arguments, String logFile) {
		this.launches.put(name, new Launch(port, arguments));
		List<String> command = new ArrayList<>();
		command.add(this.settings.java().toString());
		command.addAll(this.settings.jvmOptions());
		command.add("-jar");
		command.add(jar(name).toString());
		command.add("--server.port=" + port);
		command.add("--eureka.client.service-url.defaultZone=" + discoveryUrl() + "/eureka/");
		// register as 127.0.0.1 whatever the machine's network interfaces are
		command.add("--eureka.instance.prefer-ip-address=true");
		command.add("--eureka.instance.ip-address=127.0.0.1");
		command.add("--spring.kafka.bootstrap-servers=" + this.endpoints.kafkaBootstrapServers());
		command.addAll(arguments);
		ManagedProcess process = ManagedProcess.start(name, command, this.settings.logDirectory().resolve(logFile));
		this.processes.add(process);
		return process;
	}

	private List<String> databaseArguments(String schema) {
		String role = schema + "_service";
		return List.of("--spring.datasource.url=" + this.endpoints.jdbcUrl(), "--spring.datasource.username=" + role,
				"--spring.datasource.password=" + ServiceDatabases.LOCAL_DEMO_PASSWORD);
	}

	private void awaitHealthy(ManagedProcess process, int port) {
		long started = System.nanoTime();
		Probe.awaitUp(process, "http://localhost:" + port + "/actuator/health", START_TIMEOUT);
		this.progress.ready(process.name(), "http://localhost:" + port, Duration.ofNanos(System.nanoTime() - started));
	}

	private void awaitRoutable() {
		long started = System.nanoTime();
		ManagedProcess gateway = process("gateway-service");
		for (String name : List.of("inventory-service", "order-service", "notification-service")) {
			// the gateway routes only to instances whose status is UP
			Probe.await(null, discoveryUrl() + "/eureka/apps/" + name.toUpperCase(Locale.ROOT), START_TIMEOUT,
					(response) -> response.statusCode() == 200 && response.body().contains("\"status\":\"UP\""),
					name + " did not register with discovery as UP");
		}
		for (String path : List.of("/api/products?size=1", "/api/orders?customerEmail=probe@example.com",
				"/api/notifications?orderId=" + NIL_UUID)) {
			Probe.await(gateway, gatewayUrl() + path, START_TIMEOUT, (response) -> response.statusCode() == 200,
					"the gateway did not route " + path);
		}
		this.progress.ready("routes", gatewayUrl() + "/api/**", Duration.ofNanos(System.nanoTime() - started));
	}

	private Path jar(String module) {
		Path target = this.settings.root().resolve(module).resolve("target");
		try (Stream<Path> files = Files.list(target)) {
			return files.filter((file) -> file.getFileName().toString().matches(module + "-[0-9][^/]*\\.jar"))
				.findFirst()
				.orElseThrow(() -> new StartupException(
						"No jar of " + module + " in " + target + ": build it first (./mvnw -DskipTests package)"));
		}
		catch (IOException ex) {
			throw new StartupException("No jar of " + module + " in " + target + " (" + ex.getMessage()
					+ "): build it first (./mvnw -DskipTests package)");
		}
	}

	/**
	 * Stops every process, the gateway first and discovery last.
	 */
	@Override
	public void close() {
		List<ManagedProcess> stopping = new ArrayList<>(this.processes);
		Collections.reverse(stopping);
		stopping.stream().map((process) -> CompletableFuture.runAsync(process::close)).toList().forEach((stop) -> {
			try {
				stop.join();
			}
			catch (CompletionException | UncheckedIOException ex) {
				// keep stopping the others
			}
		});
	}

	private record Launch(int port, List<String> arguments) {

	}

	/**
	 * How to run the services.
	 *
	 * @param root the repository's root, under which each module's jar is in
	 * {@code <module>/target}
	 * @param logDirectory where each process writes {@code <name>.log}
	 * @param ports the HTTP ports
	 * @param java the java launcher of a JDK 21 or later
	 * @param jvmOptions options for every service's JVM
	 */
	public record Settings(Path root, Path logDirectory, Ports ports, Path java, List<String> jvmOptions) {

		/**
		 * The java launcher that runs this JVM, so the services get the same JDK.
		 * @return its path
		 */
		public static Path currentJava() {
			return ProcessHandle.current().info().command().map(Path::of).orElse(Path.of("java"));
		}

	}

	/**
	 * Told when each component is ready.
	 */
	@FunctionalInterface
	public interface Progress {

		void ready(String component, String address, Duration took);

	}

}
