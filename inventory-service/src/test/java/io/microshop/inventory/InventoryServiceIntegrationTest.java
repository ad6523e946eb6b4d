package io.microshop.inventory;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.microshop.testsupport.ImportTestInfrastructure;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/**
 * The whole service on real PostgreSQL and Kafka, without Eureka, served on a random port
 * (the actuator endpoints are tested over HTTP). Every integration test uses exactly this
 * configuration, so that Spring's test context cache starts the application once per test
 * run.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		// the scrape endpoint is served as in production, where it needs no token
		properties = { "eureka.client.enabled=false", "management.prometheus.metrics.export.enabled=true" })
@ImportTestInfrastructure
public @interface InventoryServiceIntegrationTest {

}
