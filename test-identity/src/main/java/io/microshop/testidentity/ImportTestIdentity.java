package io.microshop.testidentity;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Import;

/**
 * Makes the test's application context a resource server of the
 * {@link TestIdentityProvider}: it fetches its signing keys from the test provider's JWK
 * Set, and checks everything else (issuer, audience, lifetime, algorithm) with the
 * settings it runs with in production.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Import(TestIdentityConfiguration.class)
public @interface ImportTestIdentity {

}
