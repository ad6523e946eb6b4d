package io.microshop.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.microshop.localstack.Endpoints;
import io.microshop.localstack.IdentityProvider;
import io.microshop.localstack.KafkaBroker;
import io.microshop.localstack.ManagedProcess;
import io.microshop.localstack.Output;
import io.microshop.localstack.Ports;
import io.microshop.localstack.RateLimitStore;
import io.microshop.localstack.ServiceDatabases;
import io.microshop.localstack.Services;
import io.microshop.testsupport.SpanReceiver;
import io.microshop.testsupport.TestInfrastructure;

/**
 * The system as a user runs it: discovery, the gateway and the three services, each its
 * own process started from its executable jar, on one real PostgreSQL (each service with
 * its own role and schema), one real Kafka broker, an SMTP sink, Keycloak and the
 * gateway's Redis. The broker is a process of its own, as on the local stack, so that
 * tests can stop and start it again; tests can also kill a service and restart it.
 */
final class RunningSystem implements AutoCloseable {

	/**
	 * The gateway's rate limit here, lower than API.md's (200 a second, bursts of 1,000)
	 * so that a test's burst meets it on two slow cores, and above what any other test
	 * sends as one user.
	 */
	static final int REQUESTS_PER_SECOND = 50;

	static final int BURST = 300;

	/**
	 * Small heaps and a quick start for two slow cores. (Each service already runs one
	 * Kafka consumer per partition, so reservations truly race in inventory-service.)
	 */
	private static final List<String> JVM_OPTIONS = List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
			"-Dmicroshop.gateway.rate-limit.requests-per-second=" + RunningSystem.REQUESTS_PER_SECOND,
			"-Dmicroshop.gateway.rate-limit.burst=" + RunningSystem.BURST);

	private final GreenMail smtp;

	private final Broker broker;

	private final Services services;

	private final Path logs;

	private final ManagedProcess identityProvider;

	private final ManagedProcess rateLimitStore;

	private final DemoTokens tokens;

	private final int identityProviderPort;

	private String secondGatewayUrl;

	private RunningSystem(GreenMail smtp, Broker broker, ManagedProcess identityProvider, int identityProviderPort,
			ManagedProcess rateLimitStore, Services services, Path logs) {
		this.smtp = smtp;
		this.broker = broker;
		this.identityProvider = identityProvider;
		this.rateLimitStore = rateLimitStore;
		this.identityProviderPort = identityProviderPort;
		this.tokens = new DemoTokens(IdentityProvider.tokenUri(identityProviderPort));
		this.services = services;
		this.logs = logs;
	}

	static RunningSystem start() {
		TestInfrastructure.Postgres postgres = TestInfrastructure.postgres();
		ServiceDatabases.prepare(postgres.jdbcUrl(), postgres.username(), postgres.password());
		Path root = Path.of(System.getProperty("microshop.root", "..")).toAbsolutePath().normalize();
		Path logs = root.resolve("e2e-tests/target/system-logs");
		Broker broker = Broker.start(root.resolve("e2e-tests/target/kafka-" + UUID.randomUUID()), logs);
		GreenMail smtp = new GreenMail(new ServerSetup(Ports.freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
		smtp.start();
		// on a port of its own, so that a running local stack is no matter; its issuer is
		// still the one of API.md
		int identityProviderPort = Ports.freePort();
		ManagedProcess identityProvider;
		try {
			identityProvider = IdentityProvider.start(root, logs, identityProviderPort, Ports.freePort(),
					Services.Settings.currentJava(), Output.NONE, false);
		}
		catch (RuntimeException ex) {
			smtp.stop();
			broker.stop();
			throw ex;
		}
		int rateLimitStorePort = Ports.freePort();
		ManagedProcess rateLimitStore;
		try {
			rateLimitStore = RateLimitStore.start(root, logs, rateLimitStorePort, Output.NONE, false);
		}
		catch (RuntimeException ex) {
			identityProvider.close();
			smtp.stop();
			broker.stop();
			throw ex;
		}
		Endpoints endpoints = new Endpoints(postgres.jdbcUrl(), broker.bootstrapServers(), "localhost",
				smtp.getSmtp().getPort(), IdentityProvider.jwkSetUri(identityProviderPort),
				IdentityProvider.tokenUri(identityProviderPort), rateLimitStorePort, SpanReceiver.shared().endpoint());
		Services.Settings settings = new Services.Settings(root, logs, Ports.free(), Services.Settings.currentJava(),
				JVM_OPTIONS);
		Services services = new Services(settings, endpoints, RunningSystem::report);
		try {
			services.start();
		}
		catch (RuntimeException ex) {
			rateLimitStore.close();
			identityProvider.close();
			smtp.stop();
			broker.stop();
			throw ex;
		}
		return new RunningSystem(smtp, broker, identityProvider, identityProviderPort, rateLimitStore, services, logs);
	}

	/**
	 * Stops the Kafka broker (SIGTERM), as an operator or an outage would. The services
	 * keep running and keep trying to reach it.
	 */
	void stopBroker() {
		this.broker.stop();
	}

	/**
	 * Starts the Kafka broker again on its data and ports, and waits until it answers.
	 */
	void startBroker() {
		this.broker.restart();
	}

	/**
	 * Kills a service at once (SIGKILL), wherever it is in its work.
	 * @param name e.g. {@code inventory-service}
	 */
	void kill(String name) {
		this.services.kill(name);
	}

	/**
	 * Starts a killed service again and waits until the gateway routes to it.
	 * @param name e.g. {@code inventory-service}
	 */
	void restart(String name) {
		this.services.restart(name);
	}

	/**
	 * Where the identity provider listens here: a port of its own, while its public
	 * address (in its pages, its links and the tokens' issuer) stays API.md's
	 * {@link IdentityProvider#PUBLIC_URL}.
	 * @return e.g. {@code http://localhost:40123}
	 */
	String identityProviderUrl() {
		return "http://localhost:" + this.identityProviderPort;
	}

	/**
	 * A client of the gateway as the demo admin, who may do everything: what tests of the
	 * saga use.
	 * @return the client
	 */
	Gateway gateway() {
		return gatewayAs(IdentityProvider.DEMO_ADMIN);
	}

	/**
	 * A client of the gateway as a demo user, with a token from the identity provider
	 * (fetched again before it expires).
	 * @param username the demo user, e.g. {@code ada@example.com}
	 * @return the client
	 */
	Gateway gatewayAs(String username) {
		return new Gateway(this.services.gatewayUrl(), this.tokens.of(username));
	}

	/**
	 * A client of a second gateway process as a demo user. The second gateway starts on
	 * first use, beside the first, with the same settings: the same discovery and the
	 * same Redis.
	 * @param username the demo user
	 * @return the client
	 */
	synchronized Gateway secondGatewayAs(String username) {
		if (this.secondGatewayUrl == null) {
			this.secondGatewayUrl = this.services.startAnother("gateway-service", Ports.freePort());
		}
		return new Gateway(this.secondGatewayUrl, this.tokens.of(username));
	}

	/**
	 * Starts one more instance of a service, with settings of its own added to those of
	 * the first, and waits until it is healthy.
	 * @param service e.g. {@code order-service}
	 * @param arguments its own settings, e.g.
	 * {@code --logging.structured.format.console=ecs}
	 * @return its address
	 */
	String startAnother(String service, String... arguments) {
		return this.services.startAnother(service, Ports.freePort(), List.of(arguments));
	}

	/**
	 * Freezes an instance (SIGSTOP): it keeps its port, accepts connections and answers
	 * nothing, as a process in a long pause would.
	 * @param name the instance, e.g. {@code inventory-service-2}
	 */
	void freeze(String name) {
		this.services.freeze(name);
	}

	/**
	 * Lets a frozen instance go on (SIGCONT).
	 * @param name the instance
	 */
	void thaw(String name) {
		this.services.thaw(name);
	}

	/**
	 * The name of the instance at an address.
	 * @param url the address, as {@link #startAnother(String, String...)} returned it
	 * @return its name, e.g. {@code inventory-service-2}
	 */
	String instanceAt(String url) {
		return this.services.addresses()
			.entrySet()
			.stream()
			.filter((instance) -> instance.getValue().equals(url))
			.map(Map.Entry::getKey)
			.findFirst()
			.orElseThrow();
	}

	/**
	 * The process id of a running instance.
	 * @param name the instance, e.g. {@code gateway-service}
	 * @return its pid
	 */
	long pidOf(String name) {
		return this.services.pidOf(name);
	}

	/**
	 * The address of discovery (Eureka), e.g. to ask which instances are registered.
	 * @return its base URL
	 */
	String discoveryUrl() {
		return this.services.discoveryUrl();
	}

	/**
	 * Stops an instance as an operator would (SIGTERM).
	 * @param name the instance, e.g. {@code order-service-2}
	 */
	void stop(String name) {
		this.services.stop(name);
	}

	/**
	 * A client of a service's own port, as a demo user or ({@code null}) without a token.
	 * @param service the instance, e.g. {@code order-service}
	 * @param username the demo user, or {@code null}
	 * @return the client
	 */
	Gateway service(String service, String username) {
		return new Gateway(this.services.addresses().get(service),
				(username != null) ? this.tokens.of(username) : null);
	}

	/**
	 * A demo user's current token from the identity provider.
	 * @param username the demo user
	 * @return the access token
	 */
	String token(String username) {
		return this.tokens.of(username).get();
	}

	/**
	 * A client of the gateway without a token.
	 * @return the client
	 */
	Gateway anonymousGateway() {
		return new Gateway(this.services.gatewayUrl());
	}

	/**
	 * The lines a component has logged so far (its console output, as the local stack
	 * keeps it).
	 * @param component e.g. {@code order-service}
	 * @return its log lines
	 */
	List<String> logOf(String component) {
		try {
			return Files.readAllLines(this.logs.resolve(component + ".log"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	GreenMail mailbox() {
		return this.smtp;
	}

	@Override
	public void close() {
		this.services.close();
		this.rateLimitStore.close();
		this.identityProvider.close();
		this.smtp.stop();
		this.broker.stop();
	}

	/**
	 * The broker process, and what it takes to start it again the same.
	 */
	private static final class Broker {

		private final Path data;

		private final Path logs;

		private final int port = Ports.freePort();

		private final int controllerPort = Ports.freePort();

		private volatile ManagedProcess process;

		private Broker(Path data, Path logs) {
			this.data = data;
			this.logs = logs;
		}

		static Broker start(Path data, Path logs) {
			Broker broker = new Broker(data, logs);
			broker.restart();
			return broker;
		}

		String bootstrapServers() {
			return "localhost:" + this.port;
		}

		void restart() {
			this.process = KafkaBroker.start(this.data, this.logs, this.port, this.controllerPort,
					Services.Settings.currentJava());
		}

		void stop() {
			this.process.close();
		}

	}

	private static void report(String component, String address, Duration took) {
		System.out.printf("%s ready at %s after %.1f s%n", component, address, took.toMillis() / 1e3);
	}

}
