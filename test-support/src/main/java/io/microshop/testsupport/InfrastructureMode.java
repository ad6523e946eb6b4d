package io.microshop.testsupport;

import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the tests' PostgreSQL and Kafka come from. Chosen with the system property
 * {@value #PROPERTY} or the environment variable {@value #ENVIRONMENT_VARIABLE}:
 * {@code docker}, {@code embedded} or {@code auto} (the default: Docker when a Docker
 * engine answers and can serve every image, embedded servers otherwise). Neither waits on
 * an image that cannot be pulled: {@code auto} takes the embedded servers then, and
 * {@code docker} fails at once, saying so.
 */
public enum InfrastructureMode {

	/**
	 * Testcontainers: the PostgreSQL and Apache Kafka images of docker-compose.yml.
	 */
	DOCKER,

	/**
	 * No Docker: zonky's embedded PostgreSQL binaries and an embedded KRaft broker.
	 */
	EMBEDDED;

	public static final String PROPERTY = "microshop.test.infrastructure";

	public static final String ENVIRONMENT_VARIABLE = "MICROSHOP_TEST_INFRASTRUCTURE";

	private static final Logger logger = LoggerFactory.getLogger(InfrastructureMode.class);

	static InfrastructureMode detect() {
		String value = System.getProperty(PROPERTY, System.getenv(ENVIRONMENT_VARIABLE));
		String choice = (value != null && !value.isBlank()) ? value.trim().toLowerCase(Locale.ROOT) : "auto";
		return switch (choice) {
			case "docker" -> {
				String problem = DockerCheck.problem();
				if (problem != null) {
					throw new IllegalStateException(
							"%s=docker, but %s. .ci/docker-prepare makes the images available; %s=embedded runs the tests without Docker."
								.formatted(ENVIRONMENT_VARIABLE, problem, ENVIRONMENT_VARIABLE));
				}
				yield DOCKER;
			}
			case "embedded" -> EMBEDDED;
			case "auto" -> auto();
			default -> throw new IllegalStateException(
					"%s must be docker, embedded or auto, not '%s'".formatted(PROPERTY, value));
		};
	}

	private static InfrastructureMode auto() {
		String problem = DockerCheck.problem();
		if (problem == null) {
			logger.info("Tests use Testcontainers ({}=auto, and Docker can serve every image)", ENVIRONMENT_VARIABLE);
			return DOCKER;
		}
		if (problem.equals(DockerCheck.NO_ENGINE)) {
			logger.info("Tests use embedded PostgreSQL and Kafka ({}=auto, and {})", ENVIRONMENT_VARIABLE, problem);
		}
		else {
			logger.warn(
					"Tests use embedded PostgreSQL and Kafka: {}=auto, and {}. .ci/docker-prepare makes the images available; {}=docker or =embedded chooses without this check.",
					ENVIRONMENT_VARIABLE, problem, ENVIRONMENT_VARIABLE);
		}
		return EMBEDDED;
	}

}
