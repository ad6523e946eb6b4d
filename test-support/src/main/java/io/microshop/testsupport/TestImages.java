package io.microshop.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * The images of the Docker mode, from {@code testcontainers.properties} on the class path
 * (test-support's own, which {@code .ci/docker-prepare} reads too): the PostgreSQL and
 * Kafka of docker-compose.yml, and Testcontainers' resource reaper unless it is switched
 * off.
 */
final class TestImages {

	static final String POSTGRES = property("microshop.postgres.image");

	static final String KAFKA = property("microshop.kafka.image");

	static final String RYUK = property("ryuk.container.image");

	private TestImages() {
	}

	/**
	 * Every image the Docker mode starts a container of.
	 * @return the image names, with their tags
	 */
	static List<String> all() {
		List<String> images = new ArrayList<>(List.of(POSTGRES, KAFKA));
		if (!Boolean.parseBoolean(System.getenv("TESTCONTAINERS_RYUK_DISABLED"))) {
			images.add(RYUK);
		}
		return images;
	}

	private static String property(String name) {
		try (InputStream in = TestImages.class.getResourceAsStream("/testcontainers.properties")) {
			if (in == null) {
				throw new IllegalStateException("testcontainers.properties is not on the class path");
			}
			Properties properties = new Properties();
			properties.load(in);
			String value = properties.getProperty(name);
			if (value == null || value.isBlank()) {
				throw new IllegalStateException("testcontainers.properties names no " + name);
			}
			return value.strip();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
