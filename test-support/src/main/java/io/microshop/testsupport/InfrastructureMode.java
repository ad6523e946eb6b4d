package io.microshop.testsupport;

import java.util.Locale;

import org.testcontainers.DockerClientFactory;

/**
 * Where the tests' PostgreSQL and Kafka come from. Chosen with the system property
 * {@value #PROPERTY} or the environment variable {@value #ENVIRONMENT_VARIABLE}:
 * {@code docker}, {@code embedded} or {@code auto} (the default: Docker when a Docker
 * engine answers, embedded servers otherwise).
 */
public enum InfrastructureMode {

	/**
	 * Testcontainers: PostgreSQL and Apache Kafka images, connected with
	 * {@code @ServiceConnection}.
	 */
	DOCKER,

	/**
	 * No Docker: zonky's embedded PostgreSQL binaries and an embedded KRaft broker.
	 */
	EMBEDDED;

	public static final String PROPERTY = "microshop.test.infrastructure";

	public static final String ENVIRONMENT_VARIABLE = "MICROSHOP_TEST_INFRASTRUCTURE";

	static InfrastructureMode detect() {
		String value = System.getProperty(PROPERTY, System.getenv(ENVIRONMENT_VARIABLE));
		String choice = (value != null && !value.isBlank()) ? value.trim().toLowerCase(Locale.ROOT) : "auto";
		return switch (choice) {
			case "docker" -> DOCKER;
			case "embedded" -> EMBEDDED;
			case "auto" -> dockerAvailable() ? DOCKER : EMBEDDED;
			default -> throw new IllegalStateException(
					"%s must be docker, embedded or auto, not '%s'".formatted(PROPERTY, value));
		};
	}

	private static boolean dockerAvailable() {
		try {
			return DockerClientFactory.instance().isDockerAvailable();
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

}
