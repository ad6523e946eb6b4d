package io.microshop.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;

import io.microshop.testidentity.RefusedTokens;
import io.microshop.testidentity.TestIdentityProvider;
import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Remembered tokens with real signed tokens and a real decoder (the test provider's keys
 * over HTTP, issuer, audience and time checks as microshop-identity.yml configures them):
 * a valid token is verified once, a refused one every time, and a remembered one is
 * refused once it has expired.
 */
class VerifiedTokensTests {

	private static final TestIdentityProvider identity = TestIdentityProvider.get();

	private final MovableClock clock = new MovableClock();

	private final AtomicInteger verifications = new AtomicInteger();

	private final JwtDecoder decoder = VerifiedTokens.remembering(this::verify, this.clock);

	private final NimbusJwtDecoder provider = provider(this.clock);

	@Test
	void aValidTokenIsVerifiedOnceAndThenRemembered() {
		String token = identity.admin();

		Jwt first = this.decoder.decode(token);
		Jwt again = this.decoder.decode(token);

		assertThat(again).isSameAs(first);
		assertThat(first.getSubject()).isNotBlank();
		assertThat(this.verifications).hasValue(1);
	}

	@Test
	void aRefusedTokenIsVerifiedAndRefusedEveryTime() {
		RefusedTokens.forAudience("order-service").forEach((problem, token) -> {
			int before = this.verifications.get();
			for (int attempt = 0; attempt < 2; attempt++) {
				assertThatExceptionOfType(JwtException.class).as(problem).isThrownBy(() -> this.decoder.decode(token));
			}
			assertThat(this.verifications.get() - before).as(problem).isEqualTo(2);
		});
	}

	@Test
	void aRememberedTokenIsRefusedOnceItHasExpired() {
		Instant expires = Instant.now().plus(Duration.ofMinutes(5));
		String token = identity.token().admin().expiresAt(expires).encode();
		this.decoder.decode(token);

		// past the expiry and Spring Security's minute of clock skew
		this.clock.now = expires.plus(Duration.ofMinutes(2));

		assertThatExceptionOfType(JwtException.class).isThrownBy(() -> this.decoder.decode(token))
			.withMessageContaining("expired");
		assertThat(this.verifications).hasValue(2);
	}

	private Jwt verify(String token) {
		this.verifications.incrementAndGet();
		return this.provider.decode(token);
	}

	/**
	 * The decoder Spring Boot builds from microshop-identity.yml, for order-service.
	 */
	private static NimbusJwtDecoder provider(Clock clock) {
		NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(identity.jwkSetUri()).build();
		JwtTimestampValidator time = new JwtTimestampValidator();
		time.setClock(clock);
		decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(time,
				new JwtIssuerValidator(TestIdentityProvider.ISSUER), new JwtClaimValidator<java.util.List<String>>(
						"aud", (audience) -> audience != null && audience.contains("order-service"))));
		return decoder;
	}

	private static final class MovableClock extends Clock {

		private Instant now;

		@Override
		public Instant instant() {
			return (this.now != null) ? this.now : Instant.now();
		}

		@Override
		public ZoneOffset getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

	}

}
