package io.microshop.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Import;

/**
 * Connects the test's application context to a real PostgreSQL and a real Kafka broker:
 * Testcontainers {@code @ServiceConnection} containers where Docker runs, embedded
 * servers where it does not (see {@link InfrastructureMode}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Import(TestInfrastructureConfiguration.class)
public @interface ImportTestInfrastructure {

}
