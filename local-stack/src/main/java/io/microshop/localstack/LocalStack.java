package io.microshop.localstack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code ./run-local.sh}: the whole system on this machine without Docker, on the ports
 * of the API contract, until Ctrl-C. A component that crashes is started again.
 */
public final class LocalStack {

	static final int POSTGRES_PORT = 15432;

	static final int KAFKA_PORT = 9092;

	static final int KAFKA_CONTROLLER_PORT = 9093;

	static final int SMTP_PORT = 1025;

	static final int IDENTITY_PROVIDER_PORT = IdentityProvider.PORT;

	/**
	 * Keycloak's health endpoints (its default, 9000, is a popular port); not 8181, which
	 * is the second order-service's.
	 */
	static final int IDENTITY_PROVIDER_MANAGEMENT_PORT = 8190;

	static final int RATE_LIMIT_STORE_PORT = RateLimitStore.PORT;

	static final int TRACE_BACKEND_PORT = TraceBackend.PORT;

	static final int METRICS_BACKEND_PORT = MetricsBackend.PORT;

	private static final int MOST_INSTANCES = 5;

	// native access for the libraries that load native code (Netty's transport in the
	// gateway),
	// which JDK 24+ otherwise warns about at every start
	private static final List<String> JVM_OPTIONS = List.of("-Xmx256m", "-XX:+UseSerialGC",
			"-XX:+ExitOnOutOfMemoryError", "--enable-native-access=ALL-UNNAMED");

	private static final String USAGE = """
			Usage: ./run-local.sh [--reset] [--quiet | --verbose] [--no-aot] [--scale <service>=<n>]...
			The console shows progress, warnings, errors, and one line for each order placed, confirmed,
			rejected or cancelled and each mail sent; .local-stack/logs/<component>.log keeps everything.
			  --reset                 delete the local data (PostgreSQL, Kafka) in .local-stack/data first
			  --quiet                 show only progress, warnings, errors and mail
			  --verbose               show every line of every component
			  --no-aot                start the services without the JVM's ahead-of-time cache (slower)
			  --scale <service>=<n>   run n instances (1 to %d) of inventory-service, order-service or
			                          notification-service; instance k listens on the first one's port + %d * (k - 1)
			  --help                  this text""".formatted(MOST_INSTANCES, Services.INSTANCE_PORT_STEP);

	private LocalStack() {
	}

	public static void main(String[] args) {
		Options options;
		try {
			options = Options.parse(args);
		}
		catch (IllegalArgumentException ex) {
			System.err.println(ex.getMessage());
			System.err.println(USAGE);
			System.exit(2);
			return;
		}
		if (options.help()) {
			System.out.println(USAGE);
			return;
		}
		Path root = Path.of(System.getProperty("microshop.root", ".")).toAbsolutePath().normalize();
		Path work = root.resolve(".local-stack");
		Path statusFile = work.resolve("stack.json");
		Ports ports = Ports.standard();
		Console console = new Console(System.out, options.detail());
		StackStatus status = new StackStatus(console, console::elapsedSeconds);
		Path java = Services.Settings.currentJava();
		AotCache aotCache = options.aot()
				? new AotCache(work.resolve("aot"), java, Runtime.version().feature(), JVM_OPTIONS) : null;
		try {
			stopLeftBehind(root, work, console);
			requirePortsFree(ports, options.instances());
			StackStatus.delete(statusFile);
			LocalInfrastructure infrastructure = new LocalInfrastructure(root, work, java, status, console);
			Services services = new Services(new Services.Settings(root, work.resolve("logs"), ports, java, JVM_OPTIONS,
					console, true, options.instances(), aotCache), infrastructure.endpoints(), status);
			// registered before anything starts, so that Ctrl-C during start-up stops it
			// all too
			Runtime.getRuntime().addShutdownHook(new Thread(() -> {
				long stopping = System.nanoTime();
				// nothing starts from now on, not what the start-up or a restart was
				// about to
				ManagedProcess.refuseStarts();
				console.note(Console.SELF, "stopping everything…");
				// Ctrl-C reaches the components too: none of them is to be started again
				services.stopRestarting();
				infrastructure.stopRestarting();
				// the services first, while what they use still runs; then the rest: each
				// part within its grace time, so the whole within 10 s
				services.close();
				infrastructure.close();
				ManagedProcess.closeAll(Duration.ofSeconds(1));
				StackStatus.delete(statusFile);
				console.note(Console.SELF, "stopped in %.1f s".formatted((System.nanoTime() - stopping) / 1e9));
			}, "local-stack-shutdown"));
			// before the infrastructure: making a cache connects to nothing
			services.prepareAotCaches();
			infrastructure.start(options.reset());
			services.start();
			// last: it scrapes what registered with Eureka
			infrastructure.startMetricsBackend(services.discoveryUrl() + "/eureka");
			Map<String, Long> pids = pids(services, infrastructure);
			printSummary(console, services, pids, work);
			status.write(statusFile,
					Map.of("java", Runtime.version().toString(), "aotCache",
							(aotCache != null) ? aotCache.kind() : "none", "options", String.join(" ", JVM_OPTIONS)),
					pids);
			Thread.currentThread().join();
		}
		catch (StartupException ex) {
			System.err.println();
			System.err.println("Start-up failed: " + ex.getMessage());
			System.exit(1);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * Stops what an earlier run left running, so that this one can start: that run's
	 * launcher was killed (SIGKILL, a crash), and what it had started outlived it,
	 * PostgreSQL always (pg_ctl starts it outside the launcher's process group). Each one
	 * is named. Another launcher that still runs is left alone: this start then stops at
	 * the first port in use.
	 */
	private static void stopLeftBehind(Path root, Path work, Console console) {
		long self = ProcessHandle.current().pid();
		Optional<ProcessHandle> launcher = ProcessHandle.allProcesses()
			.filter((process) -> process.pid() != self)
			.filter((process) -> process.info()
				.commandLine()
				.map((line) -> line.contains(LocalStack.class.getName()))
				.orElse(false))
			.findFirst();
		if (launcher.isPresent()) {
			console.note(Console.SELF, "another ./run-local.sh runs (pid %d)".formatted(launcher.get().pid()));
			return;
		}
		Postmaster.stop(work.resolve("data").resolve("postgres"), Duration.ofSeconds(5))
			.ifPresent((pid) -> console.note("postgres",
					"stopped a PostgreSQL an earlier run left running (pid %d)".formatted(pid)));
		// the others are JVMs, Redis and Prometheus that name a file of .local-stack
		// (Kafka its
		// data, each service its AOT cache, Prometheus its configuration) or of
		// local-stack/target (Keycloak, Zipkin, Redis)
		List<String> marks = List.of(work.toAbsolutePath() + "/",
				root.resolve("local-stack/target").toAbsolutePath() + "/");
		List<ProcessHandle> left = ProcessHandle.allProcesses()
			.filter((process) -> process.pid() != self)
			.filter((process) -> process.info().command().map(LocalStack::startedHere).orElse(false))
			.filter((process) -> process.info()
				.commandLine()
				.map((line) -> marks.stream().anyMatch(line::contains))
				.orElse(false))
			.toList();
		for (ProcessHandle process : left) {
			String line = process.info().commandLine().orElse("?");
			console.note(Console.SELF, "stopping pid %d, which an earlier run left running: %s".formatted(process.pid(),
					line.substring(0, Math.min(100, line.length())) + "…"));
			process.destroy();
		}
		for (ProcessHandle process : left) {
			try {
				process.onExit().get(5, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			catch (ExecutionException | TimeoutException ex) {
				process.destroyForcibly();
			}
		}
	}

	private static boolean startedHere(String command) {
		String name = Path.of(command).getFileName().toString();
		return name.equals("java") || name.equals("prometheus") || name.startsWith("redis-server");
	}

	private static void requirePortsFree(Ports ports, Map<String, Integer> instances) {
		Ports.requireFree(POSTGRES_PORT, "PostgreSQL");
		Ports.requireFree(KAFKA_PORT, "Kafka");
		Ports.requireFree(KAFKA_CONTROLLER_PORT, "Kafka controller");
		Ports.requireFree(SMTP_PORT, "SMTP sink");
		Ports.requireFree(IDENTITY_PROVIDER_PORT, "identity provider");
		Ports.requireFree(IDENTITY_PROVIDER_MANAGEMENT_PORT, "identity provider's health endpoints");
		Ports.requireFree(RATE_LIMIT_STORE_PORT, "rate limit store (Redis)");
		Ports.requireFree(TRACE_BACKEND_PORT, "trace backend (Zipkin)");
		if (MetricsBackend.binary().isPresent()) {
			Ports.requireFree(METRICS_BACKEND_PORT, "metrics backend (Prometheus)");
		}
		Ports.requireFree(ports.discovery(), "discovery-service");
		Ports.requireFree(ports.gateway(), "gateway-service");
		Ports.requireFree(ports.gatewayManagement(), "gateway-service's actuator");
		Map<String, Integer> first = Map.of("order-service", ports.order(), "inventory-service", ports.inventory(),
				"notification-service", ports.notification());
		first.forEach((service, port) -> {
			for (int number = 1; number <= instances.getOrDefault(service, 1); number++) {
				Ports.requireFree(port + (number - 1) * Services.INSTANCE_PORT_STEP,
						(number == 1) ? service : service + "-" + number);
			}
		});
	}

	private static Map<String, Long> pids(Services services, LocalInfrastructure infrastructure) {
		Map<String, Long> pids = new LinkedHashMap<>(infrastructure.pids());
		services.processes().forEach((process) -> pids.put(process.name(), process.pid()));
		pids.put(Console.SELF, ProcessHandle.current().pid());
		return pids;
	}

	private static void printSummary(Console console, Services services, Map<String, Long> pids, Path work) {
		Map<String, String> notes = Map.of("gateway-service", "every API call goes through the gateway",
				"discovery-service", "Eureka dashboard", "postgres",
				"database microshop, roles <schema>_service / local-demo-only", "smtp-sink",
				"each mail is printed as it arrives", "identity-provider",
				"Keycloak, realm microshop: users and password in API.md (LOCAL DEMO ONLY)", "rate-limit-store",
				"Redis, the gateway's rate limits (in memory only)", "trace-backend",
				"Zipkin: look a response's X-Trace-Id up (in memory only)", "metrics-backend",
				"Prometheus: the dashboards (/consoles/index.html), the alerts (/alerts)");
		Map<String, String> addresses = new LinkedHashMap<>();
		addresses.put("gateway-service", services.gatewayUrl());
		services.addresses().forEach((name, url) -> addresses.putIfAbsent(name, url));
		addresses.put("postgres", "localhost:" + POSTGRES_PORT);
		addresses.put("kafka", "localhost:" + KAFKA_PORT);
		addresses.put("smtp-sink", "localhost:" + SMTP_PORT);
		addresses.put("identity-provider", IdentityProvider.PUBLIC_URL);
		addresses.put("rate-limit-store", "localhost:" + RATE_LIMIT_STORE_PORT);
		addresses.put("trace-backend", TraceBackend.url(TRACE_BACKEND_PORT) + "/zipkin/");
		if (pids.containsKey("metrics-backend")) {
			addresses.put("metrics-backend", MetricsBackend.url(METRICS_BACKEND_PORT));
		}
		List<String> rows = new ArrayList<>();
		long total = 0;
		for (Map.Entry<String, String> component : addresses.entrySet()) {
			Long pid = pids.get(component.getKey());
			OptionalLong memory = (pid != null) ? ResidentMemory.ofTree(pid) : OptionalLong.empty();
			total += memory.orElse(0);
			rows.add("  %-22s %-30s %9s  %s".formatted(component.getKey(), component.getValue(),
					memory.isPresent() ? ResidentMemory.format(memory.getAsLong()) : "",
					notes.getOrDefault(component.getKey(), "")));
		}
		long self = ResidentMemory.of(ProcessHandle.current().pid()).orElse(0);
		console.plain("""

				Microshop is up after %.0f s: %s

				  %-22s %-30s %9s
				%s
				  %-22s %-30s %9s  this launcher (also the SMTP sink)
				  %-22s %-30s %9s  (proportional set size: shared memory counted once)

				Logs: %s/<component>.log
				Try:  curl -s %s/api/products
				API:  %s/swagger-ui.html  (Authorize as ada@example.com / local-demo-only, LOCAL DEMO ONLY)
				Ctrl-C stops everything. ./run-local.sh again keeps the data; --reset starts empty.
				""".formatted(console.elapsedSeconds(), services.gatewayUrl(), "component", "address", "memory",
				String.join(System.lineSeparator(), rows), Console.SELF, "",
				(self > 0) ? ResidentMemory.format(self) : "", "all", "",
				(total > 0) ? ResidentMemory.format(total + self) : "", work.resolve("logs"), services.gatewayUrl(),
				services.gatewayUrl()));
	}

	/**
	 * The command line.
	 *
	 * @param help whether to print the usage only
	 * @param reset whether to delete the data first
	 * @param detail how much of the components' output the console shows
	 * @param aot whether to start the services with the JVM's ahead-of-time cache
	 * @param instances how many instances of each service
	 */
	record Options(boolean help, boolean reset, Console.Detail detail, boolean aot, Map<String, Integer> instances) {

		static Options parse(String... args) {
			boolean help = false;
			boolean reset = false;
			Console.Detail detail = null;
			boolean aot = true;
			Map<String, Integer> instances = new LinkedHashMap<>();
			for (int i = 0; i < args.length; i++) {
				String arg = args[i];
				switch (arg) {
					case "--help", "-h" -> help = true;
					case "--reset" -> reset = true;
					case "--quiet", "-q" -> detail = detail(detail, Console.Detail.QUIET);
					case "--verbose", "-v" -> detail = detail(detail, Console.Detail.VERBOSE);
					case "--no-aot" -> aot = false;
					case "--scale" -> {
						if (i + 1 >= args.length) {
							throw new IllegalArgumentException("--scale needs <service>=<n>");
						}
						scale(args[++i], instances);
					}
					default -> {
						if (arg.startsWith("--scale=")) {
							scale(arg.substring("--scale=".length()), instances);
						}
						else {
							throw new IllegalArgumentException("Unknown option: " + arg);
						}
					}
				}
			}
			return new Options(help, reset, (detail != null) ? detail : Console.Detail.EVENTS, aot,
					Map.copyOf(instances));
		}

		private static Console.Detail detail(Console.Detail chosen, Console.Detail detail) {
			if (chosen != null && chosen != detail) {
				throw new IllegalArgumentException("--quiet and --verbose: choose one");
			}
			return detail;
		}

		private static void scale(String value, Map<String, Integer> instances) {
			String[] parts = value.split("=", 2);
			if (parts.length != 2 || !Services.SCALABLE.contains(parts[0])) {
				throw new IllegalArgumentException(
						"--scale takes <service>=<n> with <service> one of " + String.join(", ", Services.SCALABLE));
			}
			int count;
			try {
				count = Integer.parseInt(parts[1]);
			}
			catch (NumberFormatException ex) {
				count = 0;
			}
			if (count < 1 || count > MOST_INSTANCES) {
				throw new IllegalArgumentException(
						"--scale " + parts[0] + " takes a number of instances from 1 to " + MOST_INSTANCES);
			}
			instances.put(parts[0], count);
		}

	}

}
