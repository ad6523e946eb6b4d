package io.microshop.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Discovery, the three services and the gateway, each a Spring Boot jar in its own JVM,
 * started in dependency order and ready only once the gateway routes to every instance
 * and each service's Kafka listeners read every partition of the events topic. The three
 * services may run as several instances each, and a crashed instance may be started again
 * ({@link Settings#restartCrashed()}).
 */
public final class Services implements AutoCloseable {

	/**
	 * The services that may run as more than one instance. Discovery is a single
	 * standalone registry and the gateway owns the public port.
	 */
	public static final List<String> SCALABLE = List.of("inventory-service", "order-service", "notification-service");

	/**
	 * How far apart the ports of a service's instances are: the second inventory-service
	 * listens on 8182, the third on 8282.
	 */
	public static final int INSTANCE_PORT_STEP = 100;

	private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

	// how long the services may take to stop by themselves: Spring Boot's graceful
	// shutdown
	// takes 1-3 s here; the whole stack stops within 10 s (LocalStack)
	static final Duration STOP_GRACE = Duration.ofSeconds(4);

	/**
	 * A registry of a few instances needs no optimizing compiler: C2 compiling would take
	 * half of the CPU time Eureka's start takes (measured: 7.0 s of CPU without this, 3.6
	 * s with it), on the cores the services are about to start on. docker-compose.yml
	 * starts discovery the same way.
	 */
	private static final String MANAGEMENT_PORT = "--management.server.port=";

	static final List<String> DISCOVERY_JVM_OPTIONS = List.of("-XX:TieredStopAtLevel=1");

	private static final String NIL_UUID = "00000000-0000-0000-0000-000000000000";

	private static final Pattern UP = Pattern.compile("\"status\"\\s*:\\s*\"UP\"");

	private final Settings settings;

	private final Endpoints endpoints;

	private final Progress progress;

	private final Supervisor supervisor;

	private final Map<String, Instance> instances = new LinkedHashMap<>();

	private final Map<String, ManagedProcess> running = new ConcurrentHashMap<>();

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
		this.supervisor = new Supervisor(progress);
		Ports ports = settings.ports();
		add("discovery-service", ports.discovery(), List.of());
		add("inventory-service", ports.inventory(), databaseArguments("inventory"));
		add("order-service", ports.order(), databaseArguments("orders"));
		List<String> notification = new ArrayList<>(databaseArguments("notification"));
		notification.add("--spring.mail.host=" + endpoints.smtpHost());
		notification.add("--spring.mail.port=" + endpoints.smtpPort());
		add("notification-service", ports.notification(), notification);
		add("gateway-service", ports.gateway(), List.of(MANAGEMENT_PORT + ports.gatewayManagement(),
				"--spring.data.redis.host=localhost", "--spring.data.redis.port=" + endpoints.rateLimitStorePort()));
	}

	private void add(String service, int port, List<String> arguments) {
		int count = this.settings.instances().getOrDefault(service, 1);
		if (count != 1 && !SCALABLE.contains(service)) {
			throw new IllegalArgumentException(service + " runs as exactly one instance");
		}
		for (int number = 1; number <= count; number++) {
			String name = (number == 1) ? service : service + "-" + number;
			int instancePort = port + (number - 1) * INSTANCE_PORT_STEP;
			this.instances.put(name, new Instance(service, name, instancePort, arguments));
		}
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

	/**
	 * The processes running now, discovery first.
	 * @return the processes
	 */
	public List<ManagedProcess> processes() {
		return this.instances.keySet().stream().map(this.running::get).filter((process) -> process != null).toList();
	}

	/**
	 * Every instance with its address, in start order: {@code inventory-service-2} →
	 * {@code http://localhost:8182}.
	 * @return the addresses by instance name
	 */
	public Map<String, String> addresses() {
		Map<String, String> addresses = new LinkedHashMap<>();
		this.instances.values().forEach((instance) -> addresses.put(instance.name(), instance.url()));
		return addresses;
	}

	/**
	 * Makes the JVM's ahead-of-time cache of each service that has none for its current
	 * jar yet, several at a time, so that the starts that follow are fast. Without a
	 * cache in the settings, does nothing.
	 */
	public void prepareAotCaches() {
		AotCache cache = this.settings.aotCache();
		if (cache == null) {
			return;
		}
		int parallel = Math.max(1, Runtime.getRuntime().availableProcessors());
		try (ExecutorService training = Executors.newFixedThreadPool(parallel)) {
			List<Future<?>> prepared = this.instances.values()
				.stream()
				.map(Instance::service)
				.distinct()
				.<Future<?>>map((service) -> training.submit(() -> cache.prepare(service, jar(service), this.progress)))
				.toList();
			prepared.forEach(Services::await);
		}
	}

	private void startAll() {
		startHealthy(this.instances.get("discovery-service"));
		try (ExecutorService starting = Executors.newVirtualThreadPerTaskExecutor()) {
			List<Future<?>> started = this.instances.values()
				.stream()
				.filter((instance) -> !instance.service().equals("discovery-service"))
				.<Future<?>>map((instance) -> starting.submit(() -> startHealthy(instance)))
				.toList();
			for (Future<?> instance : started) {
				await(instance);
			}
		}
		awaitRoutable();
	}

	private static void await(Future<?> start) {
		try {
			start.get();
		}
		catch (ExecutionException ex) {
			throw (ex.getCause() instanceof RuntimeException cause) ? cause : new IllegalStateException(ex.getCause());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted during start-up", ex);
		}
	}

	private void startHealthy(Instance instance) {
		ManagedProcess process = launchHealthy(instance, false);
		if (this.settings.restartCrashed()) {
			this.supervisor.watch(instance.name(), process, () -> launchHealthy(instance, true));
		}
	}

	/**
	 * Kills one instance at once (SIGKILL), as a crash would, wherever it is in its work.
	 * @param name the instance, e.g. {@code inventory-service}
	 */
	public void kill(String name) {
		ManagedProcess process = this.running.remove(name);
		if (process == null) {
			throw new IllegalStateException(name + " is not running");
		}
		process.kill();
	}

	/**
	 * Freezes an instance (SIGSTOP): it keeps its port and its registration until its
	 * lease expires, accepts connections and answers nothing, as a process in a long
	 * pause would.
	 * @param name the instance, e.g. {@code inventory-service-2}
	 */
	public void freeze(String name) {
		runningOrFail(name).freeze();
	}

	/**
	 * Lets a {@linkplain #freeze(String) frozen} instance go on (SIGCONT).
	 * @param name the instance
	 */
	public void thaw(String name) {
		runningOrFail(name).thaw();
	}

	/**
	 * The process id of a running instance, for tools that look at it from outside.
	 * @param name the instance, e.g. {@code gateway-service}
	 * @return its process id
	 */
	public long pidOf(String name) {
		return runningOrFail(name).pid();
	}

	private ManagedProcess runningOrFail(String name) {
		ManagedProcess process = this.running.get(name);
		if (process == null) {
			throw new IllegalStateException(name + " is not running");
		}
		return process;
	}

	/**
	 * Starts an instance that was {@linkplain #kill(String) killed} again, as before, and
	 * waits until it is healthy, registered and routed to. Its output is added to its
	 * log.
	 * @param name the instance
	 */
	public void restart(String name) {
		Instance instance = this.instances.get(name);
		if (instance == null || this.running.containsKey(name)) {
			throw new IllegalStateException(name + " is running or was never started");
		}
		launchHealthy(instance, true);
		awaitRoutable();
	}

	/**
	 * Starts one more instance of a running service, the gateway too, on a port of the
	 * caller's choosing, with the same settings as its first instance, and waits until it
	 * is healthy. It stops with the others.
	 * @param service e.g. {@code gateway-service}
	 * @param port its HTTP port
	 * @return its address, e.g. {@code http://localhost:40123}
	 */
	public synchronized String startAnother(String service, int port) {
		return startAnother(service, port, List.of());
	}

	/**
	 * Starts one more instance of a running service as {@link #startAnother(String, int)}
	 * does, with settings of its own added to the first instance's.
	 * @param service e.g. {@code order-service}
	 * @param port its HTTP port
	 * @param arguments its own settings, e.g.
	 * {@code --logging.structured.format.console=ecs}
	 * @return its address, e.g. {@code http://localhost:40123}
	 */
	public synchronized String startAnother(String service, int port, List<String> arguments) {
		Instance first = this.instances.get(service);
		if (first == null) {
			throw new IllegalArgumentException("No service " + service);
		}
		long count = this.instances.values().stream().filter((instance) -> instance.service().equals(service)).count();
		List<String> all = new ArrayList<>();
		// an actuator port of its own too, if the first has one
		first.arguments()
			.forEach((argument) -> all
				.add(argument.startsWith(MANAGEMENT_PORT) ? MANAGEMENT_PORT + Ports.freePort() : argument));
		all.addAll(arguments);
		Instance instance = new Instance(service, service + "-" + (count + 1), port, List.copyOf(all));
		this.instances.put(instance.name(), instance);
		launchHealthy(instance, false);
		return instance.url();
	}

	/**
	 * Stops one instance as an operator would (SIGTERM): it leaves discovery and its
	 * consumer group, and is not started again.
	 * @param name the instance, e.g. {@code order-service-2}
	 */
	public synchronized void stop(String name) {
		ManagedProcess process = this.running.remove(name);
		if (process == null) {
			throw new IllegalStateException(name + " is not running");
		}
		process.close();
	}

	private ManagedProcess launchHealthy(Instance instance, boolean again) {
		ManagedProcess process = launch(instance, again);
		try {
			long started = System.nanoTime();
			Probe.awaitUp(process, instance.url() + "/actuator/health", START_TIMEOUT);
			this.progress.ready(instance.name(), instance.url(), Duration.ofNanos(System.nanoTime() - started));
			return process;
		}
		catch (RuntimeException ex) {
			process.close();
			this.running.remove(instance.name(), process);
			throw ex;
		}
	}

	private ManagedProcess launch(Instance instance, boolean again) {
		Path jar = jar(instance.service());
		AotCache.Launch launch = (this.settings.aotCache() != null)
				? this.settings.aotCache().prepare(instance.service(), jar, this.progress)
				: new AotCache.Launch(List.of(), jar);
		List<String> command = new ArrayList<>();
		command.add(this.settings.java().toString());
		command.addAll(this.settings.jvmOptions());
		command.addAll(launch.jvmOptions());
		if (instance.service().equals("discovery-service")) {
			command.addAll(DISCOVERY_JVM_OPTIONS);
		}
		command.add("-jar");
		command.add(launch.jar().toString());
		command.add("--server.port=" + instance.port());
		command.add("--eureka.client.service-url.defaultZone=" + discoveryUrl() + "/eureka/");
		// register as 127.0.0.1 whatever the machine's network interfaces are
		command.add("--eureka.instance.prefer-ip-address=true");
		command.add("--eureka.instance.ip-address=127.0.0.1");
		command.add("--spring.kafka.bootstrap-servers=" + this.endpoints.kafkaBootstrapServers());
		if (!instance.service().equals("discovery-service")) {
			command.add("--management.tracing.export.zipkin.endpoint=" + this.endpoints.spanEndpoint());
			// the issuer they check is their own setting; the keys come from wherever the
			// provider runs
			command.add("--spring.security.oauth2.resourceserver.jwt.jwk-set-uri=" + this.endpoints.jwkSetUri());
		}
		command.addAll(instance.arguments());
		ManagedProcess process = ManagedProcess.start(instance.name(), command,
				this.settings.logDirectory().resolve(instance.name() + ".log"), this.settings.output(), again);
		this.running.put(instance.name(), process);
		return process;
	}

	private List<String> databaseArguments(String schema) {
		String role = schema + "_service";
		return List.of("--spring.datasource.url=" + this.endpoints.jdbcUrl(), "--spring.datasource.username=" + role,
				"--spring.datasource.password=" + ServiceDatabases.LOCAL_DEMO_PASSWORD);
	}

	/** An order for a sku the demo data never has. */
	private static final String PRICING_PROBE = """
			{"customerEmail": "probe@example.com", "lines": [{"sku": "NO-SUCH-SKU-PROBE", "quantity": 1}]}""";

	private void awaitRoutable() {
		long started = System.nanoTime();
		ManagedProcess gateway = this.running.get("gateway-service");
		for (String service : SCALABLE) {
			long expected = this.instances.values()
				.stream()
				.filter((instance) -> instance.service().equals(service))
				.count();
			// the gateway routes only to instances whose status is UP
			Probe.await(null, discoveryUrl() + "/eureka/apps/" + service.toUpperCase(Locale.ROOT), START_TIMEOUT,
					(response) -> response.statusCode() == 200 && count(UP.matcher(response.body())) >= expected,
					service + " did not register " + expected + " instance(s) with discovery as UP");
		}
		// each service's first request is slow (nothing is JIT-compiled or cached yet):
		// the
		// three are sent at once
		// as the demo admin, who may read every route's answer (LOCAL DEMO ONLY)
		String token = IdentityProvider.demoToken(this.endpoints.tokenUri(), IdentityProvider.DEMO_ADMIN);
		try (ExecutorService probing = Executors.newVirtualThreadPerTaskExecutor()) {
			List<Future<?>> routed = Stream
				.of("/api/products?size=1", "/api/orders?customerEmail=probe@example.com",
						"/api/notifications?orderId=" + NIL_UUID)
				.<Future<?>>map(
						(path) -> probing.submit(() -> Probe.await(gateway, gatewayUrl() + path, token, START_TIMEOUT,
								(response) -> response.statusCode() == 200, "the gateway did not route " + path)))
				.toList();
			// and order-service prices through its own load balancer: an order for a sku
			// nobody has is a 422 once inventory-service answered its lookup (a 503
			// before),
			// and places nothing
			routed = new ArrayList<>(routed);
			routed.add(probing.submit(() -> Probe.awaitPost(gateway, gatewayUrl() + "/api/orders", token, PRICING_PROBE,
					START_TIMEOUT, (response) -> response.statusCode() == 422,
					"order-service did not reach inventory-service to price an order")));
			routed.forEach(Services::await);
		}
		this.progress.ready("routes", gatewayUrl() + "/api/**", Duration.ofNanos(System.nanoTime() - started));
		started = System.nanoTime();
		EventConsumers.await(this.endpoints.kafkaBootstrapServers(), SCALABLE, START_TIMEOUT);
		this.progress.ready("event consumers", EventConsumers.TOPIC + ", every partition",
				Duration.ofNanos(System.nanoTime() - started));
	}

	private static long count(Matcher matcher) {
		return matcher.results().count();
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
	 * Starts no crashed instance again from now on: the stack is stopping.
	 */
	public void stopRestarting() {
		this.supervisor.stop();
	}

	/**
	 * Stops every process together, and restarts none of them: each is asked to stop
	 * (Spring Boot's graceful shutdown) and killed if it has not within
	 * {@link #STOP_GRACE}.
	 */
	@Override
	public void close() {
		this.supervisor.stop();
		ManagedProcess.stopAll(processes(), STOP_GRACE);
	}

	private record Instance(String service, String name, int port, List<String> arguments) {

		String url() {
			return "http://localhost:" + this.port;
		}

	}

	/**
	 * How to run the services.
	 *
	 * @param root the repository's root, under which each module's jar is in
	 * {@code <module>/target}
	 * @param logDirectory where each process writes {@code <name>.log}
	 * @param ports the HTTP ports (of each service's first instance)
	 * @param java the java launcher of a JDK 21 or later
	 * @param jvmOptions options for every service's JVM
	 * @param output told of every line each process prints
	 * @param restartCrashed whether an instance that ends while the stack runs is started
	 * again
	 * @param instances how many instances of each {@linkplain #SCALABLE scalable} service
	 * to run (one when not given)
	 * @param aotCache the JVM's ahead-of-time cache to start the services with, or
	 * {@code null} to run their jars as they are
	 */
	public record Settings(Path root, Path logDirectory, Ports ports, Path java, List<String> jvmOptions, Output output,
			boolean restartCrashed, Map<String, Integer> instances, AotCache aotCache) {

		/**
		 * One instance of each service, output only to the log files, no restarts: what
		 * the end-to-end tests use.
		 * @param root the repository's root
		 * @param logDirectory where each process writes its log
		 * @param ports the HTTP ports
		 * @param java the java launcher
		 * @param jvmOptions options for every service's JVM
		 */
		public Settings(Path root, Path logDirectory, Ports ports, Path java, List<String> jvmOptions) {
			this(root, logDirectory, ports, java, jvmOptions, Output.NONE, false, Map.of(), null);
		}

		/**
		 * The java launcher that runs this JVM, so the services get the same JDK.
		 * @return its path
		 */
		public static Path currentJava() {
			return ProcessHandle.current().info().command().map(Path::of).orElse(Path.of("java"));
		}

	}

}
