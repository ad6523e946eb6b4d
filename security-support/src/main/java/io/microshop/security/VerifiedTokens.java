package io.microshop.security;

import java.time.Clock;
import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import reactor.core.publisher.Mono;

import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

/**
 * The tokens this process has already verified, so that a client that sends the same
 * token with every call (as clients do, for the token's whole life) has its signature
 * checked and its claims parsed once, not on every call (ADR 0012). A token is looked up
 * by its whole encoded form, signature included, so only the very token that passed every
 * check of the decoder (signature, algorithm, issuer, audience, time) is found; its time
 * is checked again on every use, with the decoder's own validator, so an expired token is
 * refused exactly as without the cache. A token the decoder refuses is not kept.
 * <p>
 * Bounded: at most {@link #MAXIMUM_SIZE} tokens, each for at most {@link #KEPT_FOR},
 * which is also how long a token signed with a key the provider has since withdrawn may
 * still be accepted (the decoder's own key cache keeps a withdrawn key about as long).
 */
final class VerifiedTokens {

	static final int MAXIMUM_SIZE = 4096;

	static final Duration KEPT_FOR = Duration.ofMinutes(5);

	private final Cache<String, Jwt> verified = Caffeine.newBuilder()
		.maximumSize(MAXIMUM_SIZE)
		.expireAfterWrite(KEPT_FOR)
		.build();

	/** The time checks of Spring Security's default validators, with the same skew. */
	private final OAuth2TokenValidator<Jwt> time;

	VerifiedTokens(Clock clock) {
		JwtTimestampValidator time = new JwtTimestampValidator();
		time.setClock(clock);
		this.time = time;
	}

	/**
	 * A decoder that verifies each token once with the given one.
	 * @param decoder the decoder that verifies a token
	 * @return the same decoder, remembering what it verified
	 */
	static JwtDecoder remembering(JwtDecoder decoder) {
		return remembering(decoder, Clock.systemUTC());
	}

	static JwtDecoder remembering(JwtDecoder decoder, Clock clock) {
		VerifiedTokens tokens = new VerifiedTokens(clock);
		return (token) -> {
			Jwt known = tokens.stillValid(token);
			if (known != null) {
				return known;
			}
			Jwt jwt = decoder.decode(token);
			tokens.verified.put(token, jwt);
			return jwt;
		};
	}

	/**
	 * A reactive decoder that verifies each token once with the given one.
	 * @param decoder the decoder that verifies a token
	 * @return the same decoder, remembering what it verified
	 */
	static ReactiveJwtDecoder remembering(ReactiveJwtDecoder decoder) {
		VerifiedTokens tokens = new VerifiedTokens(Clock.systemUTC());
		return (token) -> {
			Jwt known = tokens.stillValid(token);
			if (known != null) {
				return Mono.just(known);
			}
			return decoder.decode(token).doOnNext((jwt) -> tokens.verified.put(token, jwt));
		};
	}

	/**
	 * The token as verified before, if it was and has not expired since: an expired one
	 * is forgotten, and the decoder then refuses it with its own reason.
	 */
	private Jwt stillValid(String token) {
		Jwt known = this.verified.getIfPresent(token);
		if (known == null) {
			return null;
		}
		if (this.time.validate(known).hasErrors()) {
			this.verified.invalidate(token);
			return null;
		}
		return known;
	}

}
