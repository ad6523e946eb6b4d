package io.microshop.testidentity;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.params.provider.Arguments;

/**
 * Every kind of token a resource server of API v2 must refuse with a 401, each otherwise
 * a valid admin token: a test runs them all against a call the admin may make, so that
 * only the broken part can be why it is refused.
 */
public final class RefusedTokens {

	/**
	 * Spring Security allows 60 s of clock skew; these are well past it.
	 */
	private static final Duration PAST_THE_SKEW = Duration.ofMinutes(5);

	private RefusedTokens() {
	}

	/**
	 * The refused tokens by what is wrong with them.
	 * @param audience the audience of the resource server under test, which a token meant
	 * for another one lacks
	 * @return each case's name and its encoded token
	 */
	public static Map<String, String> forAudience(String audience) {
		TestIdentityProvider provider = TestIdentityProvider.get();
		Instant now = Instant.now();
		String otherAudience = TestIdentityProvider.AUDIENCES.stream()
			.filter((candidate) -> !candidate.equals(audience))
			.findFirst()
			.orElseThrow();
		Map<String, String> tokens = new LinkedHashMap<>();
		tokens.put("malformed", "not-a-jwt");
		tokens.put("expired",
				provider.token()
					.admin()
					.issuedAt(now.minus(Duration.ofHours(2)))
					.expiresAt(now.minus(PAST_THE_SKEW))
					.encode());
		tokens.put("not yet valid", provider.token().admin().notBefore(now.plus(PAST_THE_SKEW)).encode());
		tokens.put("from another issuer",
				provider.token().admin().issuer("http://localhost:8180/realms/somewhere-else").encode());
		tokens.put("meant for another service", provider.token().admin().audience(otherAudience).encode());
		tokens.put("without an audience", provider.token().admin().claim("aud", null).encode());
		tokens.put("unsigned (alg none)", provider.token().admin().unsigned().encode());
		tokens.put("HMAC with the public key", provider.token().admin().hmacWithThePublicKey().encode());
		tokens.put("signed by another key", provider.token().admin().signedWithAnotherKey().encode());
		tokens.put("unknown key id", provider.token().admin().unknownKeyId().encode());
		tokens.put("tampered claims", provider.token().admin().tamperedEmail("ada@example.com").encode());
		return tokens;
	}

	/**
	 * The same, as arguments of a parameterized test: the case's name and the token.
	 * @param audience the audience of the resource server under test
	 * @return the arguments
	 */
	public static Stream<Arguments> argumentsForAudience(String audience) {
		return forAudience(audience).entrySet().stream().map((entry) -> Arguments.of(entry.getKey(), entry.getValue()));
	}

}
