package io.microshop.testsupport;

import java.util.List;

import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.zipkin.autoconfigure.ZipkinConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Connects an application context to the shared test infrastructure, in either
 * {@link InfrastructureMode}, through the connection details Spring Boot's
 * auto-configuration reads.
 * <p>
 * The containers of the Docker mode are deliberately not beans, as they would be with
 * {@code @ServiceConnection}: Spring Boot stops a container bean when its context closes,
 * and the test context cache closes contexts while other contexts (and the next test
 * classes) still use the same containers. They belong to {@link TestInfrastructure}, for
 * the whole test JVM.
 */
@TestConfiguration(proxyBeanMethods = false)
class TestInfrastructureConfiguration {

	// Each server starts on first use, so a context that needs only one of them (a
	// @DataJpaTest, say) does not wait for the other

	@Bean
	JdbcConnectionDetails testPostgresConnectionDetails() {
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
	KafkaConnectionDetails testKafkaConnectionDetails() {
		return () -> List.of(TestInfrastructure.kafkaBootstrapServers().split(","));
	}

	/**
	 * Spans go to the test JVM's own Zipkin collector, for an application that traces.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(ZipkinConnectionDetails.class)
	static class SpanReceiverConfiguration {

		@Bean
		ZipkinConnectionDetails testZipkinConnectionDetails() {
			return () -> SpanReceiver.shared().endpoint();
		}

	}

}
