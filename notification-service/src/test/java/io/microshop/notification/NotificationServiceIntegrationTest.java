package io.microshop.notification;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.microshop.testidentity.AsTheAdmin;
import io.microshop.testsupport.ImportTestInfrastructure;

import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.annotation.Import;

/**
 * The whole service on a random port, with real PostgreSQL, Kafka and SMTP
 * ({@link TestMailServer}). Every integration test uses exactly this configuration, so
 * they all share one application context: one set of consumers in the service's consumer
 * group, all sending to the same mail server.
 * <p>
 * Eureka is off. A record that fails is retried twice, 100 ms apart, before it is
 * dead-lettered. The mail health check is off, so that the probes do not depend on the
 * mail server, which a test stops for a while. The HTTP client calls {@link AsTheAdmin as
 * the admin}, with a token of the test identity provider; tests of who may do what send
 * their own tokens.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "eureka.client.enabled=false", "microshop.dead-letters.retries=2",
				"microshop.dead-letters.initial-interval=100ms", "management.health.mail.enabled=false" })
@AutoConfigureRestTestClient
@ImportTestInfrastructure
@Import({ TestMailServer.class, AsTheAdmin.class })
public @interface NotificationServiceIntegrationTest {

}
