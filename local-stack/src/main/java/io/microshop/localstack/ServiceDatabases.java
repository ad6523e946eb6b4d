package io.microshop.localstack;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Gives each service its own database role that owns its own schema and nothing else, as
 * a production database would. The credentials are for local demos only.
 */
public final class ServiceDatabases {

	/**
	 * Password of every service role. LOCAL DEMO CREDENTIAL: never use it anywhere else.
	 */
	public static final String LOCAL_DEMO_PASSWORD = "local-demo-only";

	/**
	 * The schema and role of each service that owns data.
	 */
	public static final List<ServiceDatabase> ALL = List.of(new ServiceDatabase("order-service", "orders"),
			new ServiceDatabase("inventory-service", "inventory"),
			new ServiceDatabase("notification-service", "notification"));

	private ServiceDatabases() {
	}

	/**
	 * Creates the roles and schemas that are missing; leaves existing ones and their data
	 * alone.
	 * @param jdbcUrl the database to prepare
	 * @param adminUser a user that may create roles and schemas
	 * @param adminPassword that user's password
	 */
	public static void prepare(String jdbcUrl, String adminUser, String adminPassword) {
		try (Connection connection = DriverManager.getConnection(jdbcUrl, adminUser, adminPassword);
				Statement statement = connection.createStatement()) {
			for (ServiceDatabase database : ALL) {
				statement.execute("""
						DO $$ BEGIN
						  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '%1$s') THEN
						    CREATE ROLE %1$s LOGIN PASSWORD '%2$s';
						  END IF;
						END $$""".formatted(database.role(), LOCAL_DEMO_PASSWORD));
				statement.execute("CREATE SCHEMA IF NOT EXISTS %s AUTHORIZATION %s".formatted(database.schema(),
						database.role()));
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not prepare the services' schemas at " + jdbcUrl, ex);
		}
	}

	/**
	 * One service's share of the database.
	 *
	 * @param service the service's name
	 * @param schema the schema it owns
	 */
	public record ServiceDatabase(String service, String schema) {

		public String role() {
			return this.schema + "_service";
		}

	}

}
