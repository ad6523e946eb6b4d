package io.microshop.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class MetricsBackendTests {

	private static final Path COMPOSE = Path.of("../observability/prometheus");

	@TempDir
	Path target;

	@Test
	void theLocalConfigurationIsComposesPointedAtThisMachinesEurekaWithoutAlerting() throws IOException {
		Path written = MetricsBackend.writeConfiguration(COMPOSE, this.target, "http://localhost:8761/eureka");

		String compose = Files.readString(COMPOSE.resolve("prometheus.yml"));
		String local = Files.readString(written);
		assertThat(local).contains("server: http://localhost:8761/eureka")
			.doesNotContain("discovery-service")
			.doesNotContain("alertmanager")
			.doesNotContain("alerting:")
			.contains("rule_files:");
		// everything else as it is: the scrape job, its relabelling, the rules
		assertThat(local).contains(compose.substring(compose.indexOf("scrape_configs:"))
			.replace(MetricsBackend.COMPOSE_EUREKA, "http://localhost:8761/eureka"));
		assertThat(this.target.resolve("alerts.yml")).hasSameTextualContentAs(COMPOSE.resolve("alerts.yml"));
	}

	@Test
	void aComposeConfigurationTheLauncherCannotRewriteIsRefused() throws IOException {
		Path source = Files.createDirectories(this.target.resolve("source"));
		Files.writeString(source.resolve("prometheus.yml"), "scrape_configs: []\n");
		Files.writeString(source.resolve("alerts.yml"), "groups: []\n");

		assertThatExceptionOfType(StartupException.class)
			.isThrownBy(() -> MetricsBackend.writeConfiguration(source, this.target.resolve("out"),
					"http://localhost:8761/eureka"))
			.withMessageContaining("alerting");
	}

}
