package io.microshop.e2e;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import io.microshop.localstack.ServiceDatabases;
import io.microshop.localstack.ServiceDatabases.ServiceDatabase;
import io.microshop.testsupport.InfrastructureMode;
import io.microshop.testsupport.TestInfrastructure;
import org.junit.jupiter.api.Test;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.MountableFile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Each service's database role can read and write its own schema and nothing else: not
 * another service's tables, not {@code public}, no new schema. Proven on both ways the
 * roles are made: the local stack's {@link ServiceDatabases} (the end-to-end tests' and
 * {@code ./run-local.sh}'s database), and compose's {@code deploy/postgres} init script
 * in the PostgreSQL image compose runs (in the Docker mode).
 */
class DatabaseIsolationTests {

	/** PostgreSQL's SQLSTATE for "permission denied". */
	private static final String INSUFFICIENT_PRIVILEGE = "42501";

	private static final Path ROOT = Path.of(System.getProperty("microshop.root", "..")).toAbsolutePath().normalize();

	@Test
	void theLocalStacksRolesEachReachOnlyTheirOwnSchema() throws SQLException {
		TestInfrastructure.Postgres postgres = TestInfrastructure.postgres();
		ServiceDatabases.prepare(postgres.jdbcUrl(), postgres.username(), postgres.password());
		Map<String, String> passwords = Map.of("orders", ServiceDatabases.LOCAL_DEMO_PASSWORD, "inventory",
				ServiceDatabases.LOCAL_DEMO_PASSWORD, "notification", ServiceDatabases.LOCAL_DEMO_PASSWORD);
		assertIsolated(postgres.jdbcUrl(), passwords);
	}

	@Test
	void composesRolesEachReachOnlyTheirOwnSchema() throws Exception {
		assumeTrue(TestInfrastructure.mode() == InfrastructureMode.DOCKER, "runs compose's image, in the Docker mode");
		Properties env = dotEnv();
		try (PostgreSQLContainer postgres = new PostgreSQLContainer(TestInfrastructure.POSTGRES_IMAGE)
			.withDatabaseName("microshop")
			.withEnv("ORDERS_DB_PASSWORD", env.getProperty("ORDERS_DB_PASSWORD"))
			.withEnv("INVENTORY_DB_PASSWORD", env.getProperty("INVENTORY_DB_PASSWORD"))
			.withEnv("NOTIFICATION_DB_PASSWORD", env.getProperty("NOTIFICATION_DB_PASSWORD"))
			.withCopyFileToContainer(MountableFile.forHostPath(ROOT.resolve("deploy/postgres"), 0755),
					"/docker-entrypoint-initdb.d")) {
			postgres.start();
			assertIsolated(postgres.getJdbcUrl(),
					Map.of("orders", env.getProperty("ORDERS_DB_PASSWORD"), "inventory",
							env.getProperty("INVENTORY_DB_PASSWORD"), "notification",
							env.getProperty("NOTIFICATION_DB_PASSWORD")));
		}
	}

	private static void assertIsolated(String jdbcUrl, Map<String, String> passwords) throws SQLException {
		String probe = "isolation_probe_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
		for (ServiceDatabase own : ServiceDatabases.ALL) {
			try (Connection connection = connect(jdbcUrl, own, passwords);
					Statement statement = connection.createStatement()) {
				statement.execute("CREATE TABLE %s.%s (id int)".formatted(own.schema(), probe));
				statement.execute("INSERT INTO %s.%s VALUES (1)".formatted(own.schema(), probe));
				statement.execute("SELECT id FROM %s.%s".formatted(own.schema(), probe));
			}
		}
		List<String> allowed = new ArrayList<>();
		for (ServiceDatabase role : ServiceDatabases.ALL) {
			try (Connection connection = connect(jdbcUrl, role, passwords)) {
				for (ServiceDatabase other : ServiceDatabases.ALL) {
					if (other.equals(role)) {
						continue;
					}
					String table = other.schema() + "." + probe;
					refused(connection, "SELECT id FROM " + table, role, allowed);
					refused(connection, "INSERT INTO " + table + " VALUES (2)", role, allowed);
					refused(connection, "DROP TABLE " + table, role, allowed);
					refused(connection, "CREATE TABLE %s.intruder (id int)".formatted(other.schema()), role, allowed);
				}
				refused(connection, "CREATE TABLE public.intruder (id int)", role, allowed);
				refused(connection, "CREATE SCHEMA intruder", role, allowed);
			}
		}
		assertThat(allowed).as("statements a service's role could run on what is not its own").isEmpty();
	}

	private static void refused(Connection connection, String sql, ServiceDatabase role, List<String> allowed) {
		try (Statement statement = connection.createStatement()) {
			statement.execute(sql);
			allowed.add(role.role() + ": " + sql);
		}
		catch (SQLException ex) {
			assertThat(ex.getSQLState()).as("%s: %s (%s)", role.role(), sql, ex.getMessage())
				.isEqualTo(INSUFFICIENT_PRIVILEGE);
		}
	}

	private static Connection connect(String jdbcUrl, ServiceDatabase role, Map<String, String> passwords)
			throws SQLException {
		return DriverManager.getConnection(jdbcUrl, role.role(), passwords.get(role.schema()));
	}

	private static Properties dotEnv() throws IOException {
		Properties env = new Properties();
		try (Reader reader = Files.newBufferedReader(ROOT.resolve(".env"))) {
			env.load(reader);
		}
		return env;
	}

}
