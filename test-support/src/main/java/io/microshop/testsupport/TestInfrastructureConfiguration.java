package io.microshop.testsupport;

import java.util.List;

import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Registers the shared test infrastructure with an application context, in the way its
 * {@link InfrastructureMode} calls for.
 */
@TestConfiguration(proxyBeanMethods = false)
class TestInfrastructureConfiguration {

	@Configuration(proxyBeanMethods = false)
	@Conditional(DockerMode.class)
	static class Containers {

		// The containers outlive any one context: they are shared by the whole test JVM
		@Bean(destroyMethod = "")
		@ServiceConnection
		PostgreSQLContainer postgresContainer() {
			return TestInfrastructure.postgresContainer();
		}

		@Bean(destroyMethod = "")
		@ServiceConnection
		KafkaContainer kafkaContainer() {
			return TestInfrastructure.kafkaContainer();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@Conditional(EmbeddedMode.class)
	static class EmbeddedServers {

		// Each server starts on first use, so a context that needs only one of them (a
		// @DataJpaTest, say) does not wait for the other

		@Bean
		JdbcConnectionDetails embeddedPostgresConnectionDetails() {
			return new JdbcConnectionDetails() {

				@Override
				public String getJdbcUrl() {
					return TestInfrastructure.postgres().jdbcUrl();
				}

				@Override
				public String getUsername() {
					return TestInfrastructure.postgres().username();
				}

				@Override
				public String getPassword() {
					return TestInfrastructure.postgres().password();
				}

			};
		}

		@Bean
		KafkaConnectionDetails embeddedKafkaConnectionDetails() {
			return () -> List.of(TestInfrastructure.kafkaBootstrapServers().split(","));
		}

	}

	static class DockerMode implements Condition {

		@Override
		public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
			return TestInfrastructure.mode() == InfrastructureMode.DOCKER;
		}

	}

	static class EmbeddedMode implements Condition {

		@Override
		public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
			return TestInfrastructure.mode() == InfrastructureMode.EMBEDDED;
		}

	}

}
