package io.microshop.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import io.microshop.localstack.IdentityProvider;

/**
 * {@code benchmarks/run.sh}: starts the local stack, measures it against its own limits,
 * and writes {@code report.md} and {@code report.json}. See {@code benchmarks/README.md}.
 */
public final class BenchmarkSuite {

	static final Duration QUIET_TIMEOUT = Duration.ofSeconds(60);

	private static final String USAGE = """
			Usage: benchmarks/run.sh [--quick] [--repeat <n>] [--duration <seconds>] [--only <measure>,...]
			                         [--levels <n>,...] [--rates <n>,...] [--baseline <report.json>] [--output <dir>]
			  --quick          one short run of each, a short warm-up (about 10 minutes): to try the suite, not for figures
			  --repeat         runs of each measured load and start-up; the report shows their median (default 3)
			  --duration       seconds of each measured load run (default 20; saga runs take 30)
			  --only           some of: startup, gateway, orders, saga, database, profiles, frozen (default all)
			  --levels         connections of order placement and the database (default 1,4,16,64)
			  --rates          orders per second of the saga runs, the moderate one first (default 20,100)
			  --baseline       an earlier report.json: its figures are shown as "before"
			  --output         where the report goes (default benchmarks/target/report)
			  --help           this text""";

	// the measures that failed: the others are still reported
	private static final Map<String, String> failures = new LinkedHashMap<>();

	private BenchmarkSuite() {
	}

	private static <T> T attempt(String measure, java.util.function.Supplier<T> measurement) {
		try {
			return measurement.get();
		}
		catch (RuntimeException ex) {
			failures.put(measure, String.valueOf(ex.getMessage()).lines().findFirst().orElse(""));
			progress("%s failed, the report goes on without it: %s", measure, ex.getMessage());
			return null;
		}
	}

	public static void main(String[] args) throws IOException {
		if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
			System.out.println(USAGE);
			return;
		}
		Settings settings;
		try {
			settings = parse(args);
		}
		catch (IllegalArgumentException ex) {
			System.err.println(ex.getMessage());
			System.err.println(USAGE);
			System.exit(2);
			return;
		}
		Report report = run(settings);
		Report baseline = (settings.baseline() != null) ? Report.read(settings.baseline()) : null;
		report.write(settings.output().resolve("report.json"));
		StringBuilder markdown = new StringBuilder(new MarkdownReport(report, baseline).render());
		if (!failures.isEmpty()) {
			markdown.append("\n## Measures that failed\n\n");
			failures.forEach(
					(measure, error) -> markdown.append("- ").append(measure).append(": ").append(error).append('\n'));
		}
		Files.writeString(settings.output().resolve("report.md"), markdown);
		System.out.println();
		System.out.println(markdown);
		System.out.println("The report: " + settings.output().resolve("report.md"));
		if (!failures.isEmpty()) {
			System.exit(1);
		}
	}

	private static Report run(Settings settings) throws IOException {
		Files.createDirectories(settings.output());
		Machine machine = Machine.describe();
		progress("%s", machine.summary());
		Startup.Result startup = settings.measures("startup") ? Startup.measure(settings, settings.output()) : null;
		Report.Memory memory = null;
		WarmUp.Result warmUp = null;
		Map<String, Map<String, Profiles.Profile>> profiles = null;
		GatewayOverhead.Result gateway = null;
		OrderPlacement.Result orders = null;
		SagaLatency.Result saga = null;
		DatabaseLimit.Result database = null;
		Map<String, String> versions = versions();
		if (settings.measures()
			.stream()
			.anyMatch((measure) -> !measure.equals("startup") && !measure.equals("frozen"))) {
			progress("starting the stack for the loads");
			try (StackRun stack = StackRun.start(settings.root(), List.of("--quiet", "--reset"),
					settings.output().resolve("stack.log"), Startup.START_TIMEOUT)) {
				Processes processes = new Processes(stack.status().processes());
				versions.put("PostgreSQL", PgBench.serverVersion());
				Quiet.await(QUIET_TIMEOUT);
				Map<String, Long> idle = processes.memory();
				// a version before API v2 runs no identity provider: its requests carry
				// no token
				boolean identity = stack.status().readyAfterSeconds().containsKey("identity-provider");
				Shop shop = new Shop("http://localhost:8080",
						identity ? IdentityProvider.tokenUri(IdentityProvider.PORT) : null);
				String sku = shop.createProduct("BENCH");
				Wrk wrk = new Wrk(settings.output(), Runtime.getRuntime().availableProcessors());
				try (MemorySampler sampler = new MemorySampler(processes)) {
					warmUp = WarmUp.run(settings, wrk, shop, sku, settings.output());
					if (settings.measures("gateway")) {
						gateway = attempt("gateway",
								() -> GatewayOverhead.measure(settings, wrk, processes, shop, sku, settings.output()));
					}
					if (settings.measures("orders")) {
						orders = attempt("orders",
								() -> OrderPlacement.measure(settings, wrk, processes, shop, sku, settings.output()));
					}
					if (settings.measures("saga")) {
						saga = attempt("saga", () -> SagaLatency.measure(settings, shop, sku, settings.output()));
					}
					if (settings.measures("profiles")) {
						profiles = attempt("profiles", () -> profile(settings, wrk, processes, shop, sku));
					}
					memory = new Report.Memory(idle, sampler.peaks());
				}
				if (settings.measures("database")) {
					Quiet.await(QUIET_TIMEOUT);
					database = attempt("database", () -> DatabaseLimit.measure(settings, settings.output()));
				}
			}
		}
		FrozenInstance.Result frozen = null;
		if (settings.measures("frozen")) {
			// a stack of its own, with two inventory-service instances
			frozen = attempt("frozen", () -> FrozenInstance.measure(settings, settings.output()));
		}
		return new Report(Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), machine, versions,
				settingsOf(settings), startup, warmUp, memory, gateway, orders, database, saga, profiles, frozen);
	}

	// one run of each closed-model load with every JVM recorded by JDK Flight Recorder:
	// apart from the measured runs, as recording costs a little
	private static Map<String, Map<String, Profiles.Profile>> profile(Settings settings, Wrk wrk, Processes processes,
			Shop shop, String sku) {
		Path output = settings.output();
		Map<String, Map<String, Profiles.Profile>> profiles = new LinkedHashMap<>();
		Quiet.await(QUIET_TIMEOUT);
		profiles.put("gateway",
				Profiles
					.during(processes, output, "gateway", () -> wrk.get(shop.gateway() + "/api/products/" + sku,
							settings.gatewayConnections(), settings.duration(), output.resolve("profile-gateway.txt")))
					.profiles());
		Quiet.await(QUIET_TIMEOUT);
		profiles.put("orders",
				Profiles
					.during(processes, output, "orders",
							() -> wrk.post(shop.gateway() + "/api/orders", Shop.orderBody(sku), shop.authorization(),
									16, settings.duration(), output.resolve("profile-orders.txt")))
					.profiles());
		progress("profiles recorded (%s)", output.resolve("*.jfr"));
		return profiles;
	}

	private static Map<String, String> versions() {
		Map<String, String> versions = new LinkedHashMap<>();
		versions.put("JDK", Runtime.version().toString());
		Properties properties = new Properties();
		try (InputStream file = BenchmarkSuite.class.getResourceAsStream("versions.properties")) {
			properties.load(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		versions.put("Spring Boot", properties.getProperty("spring-boot"));
		versions.put("Kafka", properties.getProperty("kafka"));
		versions.put("Gatling", properties.getProperty("gatling"));
		versions.put("wrk", firstLine("wrk", "--version").replaceFirst("^wrk\\s+", "").replaceFirst(" .*", ""));
		versions.put("pgbench", firstLine("pgbench", "--version").replaceFirst(".*\\) ", ""));
		return versions;
	}

	private static String firstLine(String... command) {
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
			String output = new String(process.getInputStream().readAllBytes());
			process.waitFor();
			return output.lines().findFirst().orElse("?").strip();
		}
		catch (IOException ex) {
			throw new IllegalStateException(command[0] + " is not installed; benchmarks/run.sh installs it", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static Map<String, Object> settingsOf(Settings settings) {
		Map<String, Object> view = new LinkedHashMap<>();
		view.put("measures", List.copyOf(settings.measures()));
		view.put("repeat", settings.repeat());
		view.put("durationSeconds", settings.duration().toSeconds());
		view.put("warmUpSeconds", settings.warmUp().toSeconds());
		view.put("warmUpRounds", settings.warmUpRounds());
		view.put("gatewayConnections", settings.gatewayConnections());
		view.put("levels", settings.levels());
		view.put("rates", settings.rates());
		view.put("sagaDurationSeconds", settings.sagaDuration().toSeconds());
		return view;
	}

	static Settings parse(String... args) {
		Path root = Path.of(System.getProperty("microshop.root", ".")).toAbsolutePath().normalize();
		Path output = root.resolve("benchmarks/target/report");
		Set<String> measures = new LinkedHashSet<>(Settings.MEASURES);
		int repeat = 3;
		Duration duration = Duration.ofSeconds(20);
		Duration warmUp = Duration.ofSeconds(10);
		int warmUpRounds = 20;
		Duration sagaDuration = Duration.ofSeconds(30);
		List<Integer> levels = List.of(1, 4, 16, 64);
		List<Integer> rates = List.of(20, 100);
		Path baseline = null;
		for (int i = 0; i < args.length; i++) {
			String arg = args[i];
			switch (arg) {
				case "--quick" -> {
					repeat = 1;
					duration = Duration.ofSeconds(5);
					warmUp = Duration.ofSeconds(5);
					warmUpRounds = 2;
					sagaDuration = Duration.ofSeconds(10);
				}
				case "--repeat" -> repeat = positive(arg, value(args, ++i, arg));
				case "--duration" -> {
					duration = Duration.ofSeconds(positive(arg, value(args, ++i, arg)));
					sagaDuration = duration.plusSeconds(10);
				}
				case "--only" -> {
					measures = new LinkedHashSet<>(List.of(value(args, ++i, arg).split(",")));
					for (String measure : measures) {
						if (!Settings.MEASURES.contains(measure)) {
							throw new IllegalArgumentException(
									"--only takes some of " + String.join(", ", Settings.MEASURES));
						}
					}
				}
				case "--levels" -> levels = numbers(arg, value(args, ++i, arg));
				case "--rates" -> rates = numbers(arg, value(args, ++i, arg));
				case "--baseline" -> baseline = Path.of(value(args, ++i, arg)).toAbsolutePath();
				case "--output" -> output = Path.of(value(args, ++i, arg)).toAbsolutePath();
				default -> throw new IllegalArgumentException("Unknown option: " + arg);
			}
		}
		if (measures.contains("orders") && !measures.contains("database")) {
			progress("note: without the database measure, order placement is shown without its limit");
		}
		return new Settings(root, output, measures, repeat, duration, warmUp, warmUpRounds, 32, levels, rates,
				sagaDuration, baseline);
	}

	private static String value(String[] args, int index, String option) {
		if (index >= args.length) {
			throw new IllegalArgumentException(option + " needs a value");
		}
		return args[index];
	}

	private static int positive(String option, String value) {
		try {
			int number = Integer.parseInt(value);
			if (number > 0) {
				return number;
			}
		}
		catch (NumberFormatException ex) {
			// below
		}
		throw new IllegalArgumentException(option + " takes a positive whole number, not " + value);
	}

	private static List<Integer> numbers(String option, String values) {
		List<Integer> numbers = new ArrayList<>();
		for (String value : values.split(",")) {
			numbers.add(positive(option, value.strip()));
		}
		return List.copyOf(numbers);
	}

	/**
	 * The median of each key's values over several runs.
	 * @param runs each run's values by key
	 * @return the medians by key, in the keys' first order
	 */
	static Map<String, Double> medianByKey(Collection<Map<String, Double>> runs) {
		Set<String> keys = new LinkedHashSet<>();
		runs.forEach((run) -> keys.addAll(run.keySet()));
		Map<String, Double> medians = new LinkedHashMap<>();
		for (String key : keys) {
			medians.put(key,
					Stats.median(runs.stream().filter((run) -> run.containsKey(key)).toList(), (run) -> run.get(key)));
		}
		return medians;
	}

	static void progress(String format, Object... arguments) {
		System.out.printf(Locale.ROOT, "[benchmarks %s] %s%n", Instant.now().truncatedTo(ChronoUnit.SECONDS),
				String.format(Locale.ROOT, format, arguments));
	}

}
