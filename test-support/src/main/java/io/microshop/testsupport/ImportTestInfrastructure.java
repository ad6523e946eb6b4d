package io.microshop.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.microshop.testidentity.ImportTestIdentity;

import org.springframework.context.annotation.Import;

/**
 * Connects the test's application context to a real PostgreSQL and a real Kafka broker:
 * Testcontainers containers where Docker can serve them, embedded servers where it cannot
 * (see {@link InfrastructureMode}), shared by every context of the test JVM; and to the
 * {@link io.microshop.testidentity.TestIdentityProvider test identity provider}, whose
 * tokens the context then validates as it validates Keycloak's.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Import(TestInfrastructureConfiguration.class)
@ImportTestIdentity
public @interface ImportTestInfrastructure {

}
