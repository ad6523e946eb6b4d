package io.microshop.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

/**
 * PostgreSQL, Kafka, an SMTP sink, the identity provider and the rate limit's store for
 * the local stack. The data of PostgreSQL and Kafka is kept in {@code .local-stack/data}
 * across restarts; the identity provider imports its realm anew at every start, and the
 * rate limit's store keeps nothing.
 */
final class LocalInfrastructure implements AutoCloseable {

	private static final String DATABASE = "microshop";

	// how long the infrastructure may take to stop by itself: Kafka's controlled shutdown
	// and
	// Keycloak's take 1-3 s here; the whole stack stops within 10 s (LocalStack)
	static final Duration STOP_GRACE = Duration.ofSeconds(4);

	private final Path work;

	private final Path java;

	private final Progress progress;

	private final Output output;

	private final Supervisor supervisor;

	private volatile EmbeddedPostgres postgres;

	private volatile ManagedProcess kafka;

	private volatile GreenMail smtp;

	private volatile ManagedProcess identityProvider;

	private volatile ManagedProcess rateLimitStore;

	private volatile ManagedProcess traceBackend;

	private volatile ManagedProcess metricsBackend;

	private final Path root;

	LocalInfrastructure(Path root, Path work, Path java, Progress progress, Output output) {
		this.root = root;
		this.work = work;
		this.java = java;
		this.progress = progress;
		this.output = output;
		this.supervisor = new Supervisor(progress);
	}

	LocalInfrastructure start(boolean reset) {
		Path data = this.work.resolve("data");
		if (reset) {
			deleteRecursively(data);
		}
		// the slowest to start, and needing none of the others: started alongside them
		CompletableFuture<ManagedProcess> identityProvider = CompletableFuture
			.supplyAsync(() -> startIdentityProvider(false), Executors.newVirtualThreadPerTaskExecutor());
		CompletableFuture<ManagedProcess> traceBackend = CompletableFuture.supplyAsync(() -> startTraceBackend(false),
				Executors.newVirtualThreadPerTaskExecutor());
		long started = System.nanoTime();
		this.postgres = startPostgres(postgresData());
		this.progress.ready("postgres", "localhost:" + this.postgres.getPort(), since(started));
		this.kafka = startKafka(data, false);
		// the broker is a process of its own that can crash; the services reconnect to it
		this.supervisor.watch("kafka", this.kafka, () -> {
			this.kafka = startKafka(data, true);
			return this.kafka;
		});
		started = System.nanoTime();
		this.smtp = new GreenMail(new ServerSetup(LocalStack.SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
		this.smtp.start();
		printReceivedMail(this.smtp, this.output);
		this.progress.ready("smtp-sink", "localhost:" + LocalStack.SMTP_PORT, since(started));
		this.rateLimitStore = startRateLimitStore(false);
		this.supervisor.watch("rate-limit-store", this.rateLimitStore, () -> {
			this.rateLimitStore = startRateLimitStore(true);
			return this.rateLimitStore;
		});
		this.traceBackend = join(traceBackend);
		this.supervisor.watch("trace-backend", this.traceBackend, () -> {
			this.traceBackend = startTraceBackend(true);
			return this.traceBackend;
		});
		this.identityProvider = join(identityProvider);
		this.supervisor.watch("identity-provider", this.identityProvider, () -> {
			this.identityProvider = startIdentityProvider(true);
			return this.identityProvider;
		});
		return this;
	}

	private ManagedProcess startRateLimitStore(boolean again) {
		long started = System.nanoTime();
		ManagedProcess store = RateLimitStore.start(this.root, this.work.resolve("logs"),
				LocalStack.RATE_LIMIT_STORE_PORT, this.output, again);
		this.progress.ready("rate-limit-store", "localhost:" + LocalStack.RATE_LIMIT_STORE_PORT, since(started));
		return store;
	}

	private ManagedProcess startTraceBackend(boolean again) {
		long started = System.nanoTime();
		ManagedProcess zipkin = TraceBackend.start(this.root, this.work.resolve("logs"), LocalStack.TRACE_BACKEND_PORT,
				this.java, this.output, again);
		this.progress.ready("trace-backend", TraceBackend.url(LocalStack.TRACE_BACKEND_PORT), since(started));
		return zipkin;
	}

	/**
	 * Starts Prometheus, when it is installed, to scrape what registers with Eureka; says
	 * how to get it otherwise.
	 * @param eurekaUrl where Eureka is
	 */
	void startMetricsBackend(String eurekaUrl) {
		Optional<Path> binary = MetricsBackend.binary();
		if (binary.isEmpty()) {
			this.progress.note("metrics-backend",
					"not started: Prometheus is not installed (Debian: apt-get install prometheus)");
			return;
		}
		this.metricsBackend = startMetricsBackend(binary.get(), eurekaUrl, false);
		this.supervisor.watch("metrics-backend", this.metricsBackend, () -> {
			this.metricsBackend = startMetricsBackend(binary.get(), eurekaUrl, true);
			return this.metricsBackend;
		});
	}

	private ManagedProcess startMetricsBackend(Path binary, String eurekaUrl, boolean again) {
		long started = System.nanoTime();
		ManagedProcess prometheus = MetricsBackend.start(binary, this.root, this.work, LocalStack.METRICS_BACKEND_PORT,
				eurekaUrl, this.output, again);
		this.progress.ready("metrics-backend", MetricsBackend.url(LocalStack.METRICS_BACKEND_PORT), since(started));
		return prometheus;
	}

	private ManagedProcess startIdentityProvider(boolean again) {
		long started = System.nanoTime();
		ManagedProcess provider = IdentityProvider.start(this.root, this.work.resolve("logs"),
				LocalStack.IDENTITY_PROVIDER_PORT, LocalStack.IDENTITY_PROVIDER_MANAGEMENT_PORT, this.java, this.output,
				again);
		this.progress.ready("identity-provider", IdentityProvider.PUBLIC_URL, since(started));
		return provider;
	}

	private static ManagedProcess join(CompletableFuture<ManagedProcess> start) {
		try {
			return start.join();
		}
		catch (CompletionException ex) {
			throw (ex.getCause() instanceof RuntimeException cause) ? cause : ex;
		}
	}

	private ManagedProcess startKafka(Path data, boolean again) {
		long started = System.nanoTime();
		ManagedProcess broker = KafkaBroker.start(data.resolve("kafka"), this.work.resolve("logs"),
				LocalStack.KAFKA_PORT, LocalStack.KAFKA_CONTROLLER_PORT, this.java, this.output, again);
		this.progress.ready("kafka", "localhost:" + LocalStack.KAFKA_PORT, since(started));
		return broker;
	}

	/**
	 * The processes of the infrastructure: PostgreSQL's server, the broker, the identity
	 * provider, the rate limit's store and the trace backend.
	 * @return their process ids by component
	 */
	Map<String, Long> pids() {
		Map<String, Long> pids = new LinkedHashMap<>();
		postmasterPid().ifPresent((pid) -> pids.put("postgres", pid));
		ManagedProcess broker = this.kafka;
		if (broker != null && broker.isAlive()) {
			pids.put("kafka", broker.pid());
		}
		ManagedProcess provider = this.identityProvider;
		if (provider != null && provider.isAlive()) {
			pids.put("identity-provider", provider.pid());
		}
		ManagedProcess store = this.rateLimitStore;
		if (store != null && store.isAlive()) {
			pids.put("rate-limit-store", store.pid());
		}
		ManagedProcess zipkin = this.traceBackend;
		if (zipkin != null && zipkin.isAlive()) {
			pids.put("trace-backend", zipkin.pid());
		}
		ManagedProcess prometheus = this.metricsBackend;
		if (prometheus != null && prometheus.isAlive()) {
			pids.put("metrics-backend", prometheus.pid());
		}
		return pids;
	}

	private Optional<Long> postmasterPid() {
		// the first line of postmaster.pid is the server's process id
		try (Stream<String> lines = Files
			.lines(this.work.resolve("data").resolve("postgres").resolve("postmaster.pid"))) {
			return lines.findFirst().map(String::strip).map(Long::valueOf);
		}
		catch (IOException | UncheckedIOException | NumberFormatException ex) {
			return Optional.empty();
		}
	}

	Endpoints endpoints() {
		return new Endpoints("jdbc:postgresql://localhost:%d/%s".formatted(LocalStack.POSTGRES_PORT, DATABASE),
				"localhost:" + LocalStack.KAFKA_PORT, "localhost", LocalStack.SMTP_PORT,
				IdentityProvider.jwkSetUri(LocalStack.IDENTITY_PROVIDER_PORT),
				IdentityProvider.tokenUri(LocalStack.IDENTITY_PROVIDER_PORT), LocalStack.RATE_LIMIT_STORE_PORT,
				TraceBackend.spanEndpoint(LocalStack.TRACE_BACKEND_PORT));
	}

	private static EmbeddedPostgres startPostgres(Path dataDirectory) {
		try {
			EmbeddedPostgres postgres = EmbeddedPostgres.builder()
				.setPort(LocalStack.POSTGRES_PORT)
				.setDataDirectory(dataDirectory)
				.setCleanDataDirectory(false)
				.setRegisterShutdownHook(false)
				.start();
			String admin = "jdbc:postgresql://localhost:%d/postgres".formatted(postgres.getPort());
			createDatabase(admin);
			ServiceDatabases.prepare("jdbc:postgresql://localhost:%d/%s".formatted(postgres.getPort(), DATABASE),
					"postgres", "postgres");
			return postgres;
		}
		catch (IOException ex) {
			throw new StartupException("PostgreSQL did not start: " + ex.getMessage());
		}
	}

	private static void createDatabase(String adminJdbcUrl) {
		try (Connection connection = DriverManager.getConnection(adminJdbcUrl, "postgres", "postgres");
				ResultSet exists = connection.createStatement()
					.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'")) {
			if (!exists.next()) {
				connection.createStatement().execute("CREATE DATABASE " + DATABASE);
			}
		}
		catch (SQLException ex) {
			throw new StartupException("Could not create the database " + DATABASE + ": " + ex.getMessage());
		}
	}

	/**
	 * Prints each mail the sink receives, so that a demo shows the emails without a mail
	 * client, and then forgets it: the sink keeps mail in memory, and a benchmark sends
	 * hundreds of thousands. (A mail that arrives between taking the list and purging it
	 * is dropped unprinted; only a heavy load makes that likely.)
	 */
	private static void printReceivedMail(GreenMail smtp, Output output) {
		Thread.ofVirtual().name("smtp-sink-printer").start(() -> {
			while (smtp.isRunning()) {
				MimeMessage[] messages = smtp.getReceivedMessages();
				if (messages.length > 0) {
					purge(smtp);
				}
				for (MimeMessage message : messages) {
					output.line("smtp-sink", "mail " + describe(message));
				}
				try {
					Thread.sleep(Duration.ofSeconds(1));
				}
				catch (InterruptedException ex) {
					return;
				}
			}
		});
	}

	private static void purge(GreenMail smtp) {
		try {
			smtp.purgeEmailFromAllMailboxes();
		}
		catch (FolderException ex) {
			// kept until the next round
		}
	}

	private static String describe(MimeMessage message) {
		try {
			Address[] to = message.getAllRecipients();
			return "to " + ((to != null && to.length > 0) ? to[0] : "?") + ": " + message.getSubject();
		}
		catch (MessagingException ex) {
			return "(unreadable message: " + ex.getMessage() + ")";
		}
	}

	/**
	 * Starts no crashed broker again from now on: the stack is stopping.
	 */
	void stopRestarting() {
		this.supervisor.stop();
	}

	/**
	 * Stops whatever has started, all together, within {@link #STOP_GRACE} and a little:
	 * each process is asked to stop and killed, with what it started, if it has not by
	 * then; PostgreSQL stops with pg_ctl's fast shutdown alongside them, or is shut down
	 * at once (and killed) if that takes longer, also when it was still starting.
	 */
	@Override
	public void close() {
		this.supervisor.stop();
		CompletableFuture<Void> postgres = CompletableFuture.runAsync(this::stopPostgres);
		ManagedProcess.stopAll(Stream
			.of(this.metricsBackend, this.identityProvider, this.rateLimitStore, this.traceBackend, this.kafka)
			.filter(Objects::nonNull)
			.toList(), STOP_GRACE);
		if (this.smtp != null) {
			this.smtp.stop();
		}
		try {
			postgres.get(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (ExecutionException | TimeoutException ex) {
			// it did not stop in time: below
		}
		Postmaster.stop(postgresData(), Duration.ofSeconds(1));
	}

	private void stopPostgres() {
		if (this.postgres != null) {
			try {
				this.postgres.close();
			}
			catch (IOException ex) {
				System.err.println("PostgreSQL did not stop cleanly: " + ex.getMessage());
			}
		}
	}

	private Path postgresData() {
		return this.work.resolve("data").resolve("postgres");
	}

	private static Duration since(long started) {
		return Duration.ofNanos(System.nanoTime() - started);
	}

	static void deleteRecursively(Path directory) {
		if (!Files.exists(directory)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(directory)) {
			paths.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not delete " + directory, ex);
		}
	}

}
