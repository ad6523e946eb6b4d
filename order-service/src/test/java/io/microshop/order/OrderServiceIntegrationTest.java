package io.microshop.order;

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
import org.springframework.test.context.TestExecutionListeners;
import org.springframework.test.context.TestExecutionListeners.MergeMode;

/**
 * The whole service on a random port, with real PostgreSQL and Kafka and a real HTTP
 * server standing in for inventory-service. Every integration test uses exactly this
 * configuration, so they all share one application context (only
 * {@link PendingOrderTimeoutTests} shortens the pending timeout, in a context of its own
 * that is closed after it).
 * <p>
 * Eureka is off; the service registry is Spring Cloud's simple discovery client, listing
 * the stand-in as the one instance of inventory-service. Its load-balancer cache is off
 * so that a test may change that list. The HTTP client calls {@link AsTheAdmin as the
 * admin}, with a token of the test identity provider. The setup the tests share is the
 * context's {@link OrderServiceFixture} bean, whose probe of the events topic is closed
 * after each test.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "eureka.client.enabled=false", "spring.cloud.loadbalancer.cache.enabled=false" })
@AutoConfigureRestTestClient
@ImportTestInfrastructure
@Import({ InventoryStub.Registration.class, AsTheAdmin.class, OrderServiceFixture.Registration.class })
@TestExecutionListeners(listeners = OrderServiceFixture.ClosingEvents.class, mergeMode = MergeMode.MERGE_WITH_DEFAULTS)
public @interface OrderServiceIntegrationTest {

}
