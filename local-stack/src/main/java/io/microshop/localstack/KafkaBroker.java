package io.microshop.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/**
 * A single-node Kafka broker in KRaft mode (broker and controller in one process), run
 * from Apache Kafka's own Maven artifacts exactly as {@code kafka-server-start.sh} runs
 * it. Being a process of its own, it can be stopped and started again on the same data,
 * as the end-to-end tests do to prove that a broker outage loses no order.
 */
public final class KafkaBroker {

	private static final Duration START_TIMEOUT = Duration.ofMinutes(2);

	private KafkaBroker() {
	}

	/**
	 * Starts the broker, formatting its data directory first if it is new, and waits
	 * until it answers.
	 * @param dataDirectory where the broker keeps its configuration and logs
	 * @param logDirectory where its output goes, as {@code kafka.log}
	 * @param port the client port
	 * @param controllerPort the KRaft controller port
	 * @param java the java launcher to run it with
	 * @return the running broker
	 */
	public static ManagedProcess start(Path dataDirectory, Path logDirectory, int port, int controllerPort, Path java) {
		return start(dataDirectory, logDirectory, port, controllerPort, java, Output.NONE, false);
	}

	/**
	 * Starts the broker as {@link #start(Path, Path, int, int, Path)} does, its output
	 * also going to an {@link Output}.
	 * @param dataDirectory where the broker keeps its configuration and logs
	 * @param logDirectory where its output goes, as {@code kafka.log}
	 * @param port the client port
	 * @param controllerPort the KRaft controller port
	 * @param java the java launcher to run it with
	 * @param output told of each line the broker prints
	 * @param again whether this starts it again after it ended (its log is added to)
	 * @return the running broker
	 */
	public static ManagedProcess start(Path dataDirectory, Path logDirectory, int port, int controllerPort, Path java,
			Output output, boolean again) {
		Path config = writeConfig(dataDirectory, port, controllerPort);
		if (!Files.exists(dataDirectory.resolve("logs").resolve("meta.properties"))) {
			format(config, logDirectory, java);
		}
		ManagedProcess broker = ManagedProcess.start("kafka", command(java, "kafka.Kafka", config.toString()),
				logDirectory.resolve("kafka.log"), output, again);
		awaitReady(broker, "localhost:" + port);
		return broker;
	}

	private static Path writeConfig(Path dataDirectory, int port, int controllerPort) {
		String properties = """
				process.roles=broker,controller
				node.id=1
				controller.quorum.voters=1@localhost:%2$d
				listeners=PLAINTEXT://localhost:%1$d,CONTROLLER://localhost:%2$d
				advertised.listeners=PLAINTEXT://localhost:%1$d
				controller.listener.names=CONTROLLER
				listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
				inter.broker.listener.name=PLAINTEXT
				log.dirs=%3$s
				num.partitions=3
				auto.create.topics.enable=true
				offsets.topic.replication.factor=1
				transaction.state.log.replication.factor=1
				transaction.state.log.min.isr=1
				share.coordinator.state.topic.replication.factor=1
				share.coordinator.state.topic.min.isr=1
				group.initial.rebalance.delay.ms=0
				""".formatted(port, controllerPort, dataDirectory.resolve("logs").toAbsolutePath());
		try {
			Files.createDirectories(dataDirectory);
			Path config = dataDirectory.resolve("server.properties");
			Files.writeString(config, properties);
			return config;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not write the Kafka configuration", ex);
		}
	}

	private static void format(Path config, Path logDirectory, Path java) {
		ManagedProcess format = ManagedProcess.start(
				"kafka-storage-format", command(java, "kafka.tools.StorageTool", "format", "--cluster-id",
						Uuid.randomUuid().toString(), "--config", config.toString()),
				logDirectory.resolve("kafka-format.log"));
		if (format.awaitExit(START_TIMEOUT) != 0) {
			format.close();
			throw new StartupException(format, "could not format the Kafka log directory");
		}
	}

	private static List<String> command(Path java, String mainClass, String... arguments) {
		List<String> command = new ArrayList<>(
				List.of(java.toString(), "-Xmx512m", "-XX:+UseSerialGC", "-Dlog4j2.configurationFile=kafka-log4j2.xml",
						"-cp", System.getProperty("java.class.path"), mainClass));
		command.addAll(List.of(arguments));
		return command;
	}

	private static void awaitReady(ManagedProcess broker, String bootstrapServers) {
		Instant deadline = Instant.now().plus(START_TIMEOUT);
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
				AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
				3000))) {
			while (true) {
				if (!broker.isAlive()) {
					throw new StartupException(broker, "exited during start-up");
				}
				try {
					admin.describeCluster().nodes().get(3, TimeUnit.SECONDS);
					return;
				}
				catch (Exception ex) {
					if (Instant.now().isAfter(deadline)) {
						broker.close();
						throw new StartupException(broker, "did not answer within " + START_TIMEOUT.toSeconds() + " s");
					}
					sleep();
				}
			}
		}
	}

	private static void sleep() {
		try {
			Thread.sleep(250);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
