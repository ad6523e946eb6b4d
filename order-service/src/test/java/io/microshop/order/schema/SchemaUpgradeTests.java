package io.microshop.order.schema;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import io.microshop.testsupport.TestInfrastructure;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * A database of an earlier version takes the service's new migrations.
 * messaging-support's migrations are numbered from 1000, so a database that has them
 * already has a higher version than any later migration of the service's own (V4, which
 * gave orders their {@code placed_by}, came after V1000): Flyway refuses such a migration
 * unless the service allows them out of order, which its settings do (messaging-support's
 * {@code microshop-messaging.yml}, which the service's {@code application.yml} imports).
 */
class SchemaUpgradeTests {

	/**
	 * What a database of the version before API v2 has: V1 to V3 and messaging's V1000.
	 */
	private static final List<String> BEFORE_V2 = List.of("db/migration/V1__orders.sql",
			"db/migration/V2__idempotency_keys.sql", "db/migration/V3__pending_orders_index.sql",
			"db/messaging/V1000__outbox_and_dead_letters.sql");

	@TempDir
	private Path earlierVersion;

	private String schema;

	@BeforeEach
	void databaseOfTheEarlierVersion() throws IOException {
		for (String migration : BEFORE_V2) {
			try (InputStream in = new ClassPathResource(migration).getInputStream()) {
				Files.copy(in, this.earlierVersion.resolve(Path.of(migration).getFileName()));
			}
		}
		this.schema = "upgrade_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
		flyway().locations("filesystem:" + this.earlierVersion).load().migrate();
	}

	@Test
	void theServicesSettingsApplyItsNewMigrationsToADatabaseThatHasMessagingsAlready() throws Exception {
		boolean outOfOrder = Boolean.parseBoolean(serviceSetting("spring.flyway.out-of-order"));

		flyway().locations(serviceSetting("spring.flyway.locations").split(","))
			.outOfOrder(outOfOrder)
			.load()
			.migrate();

		assertThat(columnsOfOrders()).contains("placed_by");
	}

	@Test
	void withoutOutOfOrderFlywayWouldRefuseThem() {
		assertThatException()
			.isThrownBy(() -> flyway().locations(serviceSetting("spring.flyway.locations").split(","))
				.outOfOrder(false)
				.load()
				.migrate())
			.withMessageContaining("not applied");
	}

	private FluentConfiguration flyway() {
		TestInfrastructure.Postgres postgres = TestInfrastructure.postgres();
		return Flyway.configure()
			.dataSource(postgres.jdbcUrl(), postgres.username(), postgres.password())
			.schemas(this.schema)
			.defaultSchema(this.schema);
	}

	private List<String> columnsOfOrders() throws SQLException {
		TestInfrastructure.Postgres postgres = TestInfrastructure.postgres();
		try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl(), postgres.username(),
				postgres.password());
				ResultSet columns = connection.getMetaData().getColumns(null, this.schema, "orders", null)) {
			List<String> names = new ArrayList<>();
			while (columns.next()) {
				names.add(columns.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
			}
			return names;
		}
	}

	// A setting as the service reads it, from its application.yml or a file it imports
	private static String serviceSetting(String name) {
		StandardEnvironment environment = new StandardEnvironment();
		ConfigDataEnvironmentPostProcessor.applyTo(environment);
		String value = environment.getProperty(name);
		if (value == null) {
			throw new IllegalStateException(name + " is not set in the service's configuration");
		}
		return value;
	}

}
