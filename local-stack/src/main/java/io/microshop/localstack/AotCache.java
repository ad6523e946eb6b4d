package io.microshop.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The JDK's ahead-of-time cache of each service: the classes a service loads and links
 * while it starts, kept in one file that the next start maps instead of reading and
 * verifying them from the jars again. It halves a service's start-up (inventory-service
 * alone: 9.6 s to 4.2 s). On a JDK 25 or later this is the AOT cache (JEP 483 and 514);
 * on 21 to 24, a dynamic CDS archive, which caches less.
 *
 * <p>
 * The cache needs the application on a plain class path, so each jar is first extracted
 * ({@code -Djarmode=tools extract}), then the cache is made by a training run that starts
 * the application context and exits once it is refreshed, as Spring Boot's documentation
 * describes. The training run connects to nothing (no database, broker or registry), so
 * it may run before the infrastructure. The cache is made again when the jar, the JDK or
 * the JVM options change; a cache that cannot be made is reported and the plain jar runs
 * instead: the cache only ever makes a start faster.
 */
public final class AotCache {

	private static final Duration TRAINING_TIMEOUT = Duration.ofMinutes(3);

	// What the training run must not connect to: the database (no Flyway, no schema
	// validation, no JDBC metadata), Kafka (no listeners, no topic creation) and Eureka
	private static final List<String> TRAINING_ARGUMENTS = List.of("--server.port=0", "--spring.flyway.enabled=false",
			"--spring.jpa.hibernate.ddl-auto=none",
			"--spring.jpa.database-platform=org.hibernate.dialect.PostgreSQLDialect",
			"--spring.jpa.properties.hibernate.boot.allow_jdbc_metadata_access=false",
			"--spring.datasource.url=jdbc:postgresql://127.0.0.1:1/none",
			"--spring.kafka.bootstrap-servers=127.0.0.1:1", "--spring.kafka.listener.auto-startup=false",
			"--spring.kafka.admin.auto-create=false", "--eureka.client.register-with-eureka=false",
			"--eureka.client.fetch-registry=false");

	private final Path directory;

	private final Path java;

	private final int javaFeature;

	private final List<String> jvmOptions;

	private final ConcurrentHashMap<String, Launch> prepared = new ConcurrentHashMap<>();

	/**
	 * @param directory where each service's extracted jar and cache are kept
	 * @param java the java launcher that runs the services
	 * @param javaFeature its feature version, e.g. 25
	 * @param jvmOptions the options the services run with (the cache is made with them)
	 */
	public AotCache(Path directory, Path java, int javaFeature, List<String> jvmOptions) {
		this.directory = directory;
		this.java = java;
		this.javaFeature = javaFeature;
		this.jvmOptions = List.copyOf(jvmOptions);
	}

	/**
	 * What this JDK offers.
	 * @return {@code "AOT cache"} or {@code "CDS archive"}
	 */
	public String kind() {
		return (this.javaFeature >= 25) ? "AOT cache" : "CDS archive";
	}

	/**
	 * How to start a service with its cache, making the cache first when there is none
	 * for this jar, JDK and options yet.
	 * @param module the service, e.g. {@code order-service}
	 * @param jar its executable jar
	 * @param progress told when a cache is made, and when one cannot be
	 * @return the extra JVM options and the jar to run
	 */
	public Launch prepare(String module, Path jar, Progress progress) {
		return this.prepared.computeIfAbsent(module, (name) -> load(name, jar, progress));
	}

	private Launch load(String module, Path jar, Progress progress) {
		Path home = this.directory.resolve(module);
		Path extracted = home.resolve("application");
		Path cache = home.resolve((this.javaFeature >= 25) ? "app.aot" : "app.jsa");
		Path stamp = home.resolve("stamp");
		String expected = stampOf(jar);
		Launch launch = new Launch(useOptions(cache), extracted.resolve(jar.getFileName()));
		try {
			if (Files.exists(cache) && expected.equals(readStamp(stamp))) {
				return launch;
			}
			long started = System.nanoTime();
			LocalInfrastructure.deleteRecursively(home);
			Files.createDirectories(home);
			run(module, extractCommand(jar, extracted), home.resolve("extract.log"));
			List<String> training = new ArrayList<>(this.jvmOptions);
			training.addAll(trainOptions(cache));
			training.addAll(List.of("-jar", launch.jar().toString()));
			training.addAll(TRAINING_ARGUMENTS);
			run(module, command(training), home.resolve("training.log"));
			if (!Files.exists(cache)) {
				throw new IllegalStateException("the training run made no " + cache.getFileName());
			}
			Files.writeString(stamp, expected);
			progress.note(module, "%s made (%.1fs, once per build)".formatted(kind(),
					Duration.ofNanos(System.nanoTime() - started).toMillis() / 1e3));
			return launch;
		}
		catch (IOException | RuntimeException ex) {
			// stopped while it was made: nothing to tell, the service will not start (the
			// next start makes the cache again, as no stamp was written)
			if (!ManagedProcess.stopping()) {
				progress.note(module,
						"no %s (%s); it starts without one, see %s".formatted(kind(), ex.getMessage(), home));
			}
			return new Launch(List.of(), jar);
		}
	}

	private List<String> trainOptions(Path cache) {
		String output = (this.javaFeature >= 25) ? "-XX:AOTCacheOutput=" : "-XX:ArchiveClassesAtExit=";
		return List.of(output + cache, "-Dspring.context.exit=onRefresh");
	}

	private List<String> useOptions(Path cache) {
		return (this.javaFeature >= 25) ? List.of("-XX:AOTCache=" + cache) : List.of("-XX:SharedArchiveFile=" + cache);
	}

	private List<String> extractCommand(Path jar, Path destination) {
		return command(
				List.of("-Djarmode=tools", "-jar", jar.toString(), "extract", "--destination", destination.toString()));
	}

	private List<String> command(List<String> arguments) {
		List<String> command = new ArrayList<>();
		command.add(this.java.toString());
		command.addAll(arguments);
		return command;
	}

	private String stampOf(Path jar) {
		try {
			return String.join("\n", jar.toAbsolutePath().toString(), Long.toString(Files.size(jar)),
					Files.getLastModifiedTime(jar).toString(), this.java.toString(), Integer.toString(this.javaFeature),
					String.join(" ", this.jvmOptions));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String readStamp(Path stamp) throws IOException {
		return Files.exists(stamp) ? Files.readString(stamp) : "";
	}

	private static void run(String module, List<String> command, Path log) {
		// a managed process, so that the stack stopping during start-up stops it too
		ManagedProcess process = ManagedProcess.start(module + "-aot-training", command, log);
		int exitCode = process.awaitExit(TRAINING_TIMEOUT);
		if (process.isAlive()) {
			process.kill();
			throw new IllegalStateException(module + " did not finish within " + TRAINING_TIMEOUT.toSeconds() + " s ("
					+ log.getFileName() + ")");
		}
		if (exitCode != 0) {
			throw new IllegalStateException(log.getFileName() + " ended with exit code " + exitCode);
		}
	}

	/**
	 * How to start one service.
	 *
	 * @param jvmOptions the options that use the cache (none without one)
	 * @param jar the jar to run: the extracted one with a cache, the original without
	 */
	public record Launch(List<String> jvmOptions, Path jar) {

	}

}
