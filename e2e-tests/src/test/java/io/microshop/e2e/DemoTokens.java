package io.microshop.e2e;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import io.microshop.localstack.IdentityProvider;

/**
 * The demo users' tokens from the running identity provider (password grant of the demo
 * client, LOCAL DEMO ONLY), each fetched again well before its 5 minutes are up: a test
 * of many minutes keeps calling with a valid token.
 */
final class DemoTokens {

	private static final Duration REUSE_FOR = Duration.ofMinutes(3);

	private final String tokenUri;

	private final Map<String, Token> tokens = new ConcurrentHashMap<>();

	DemoTokens(String tokenUri) {
		this.tokenUri = tokenUri;
	}

	/**
	 * A user's current token.
	 * @param username the demo user
	 * @return the token, as a supplier that renews it
	 */
	Supplier<String> of(String username) {
		return () -> this.tokens.compute(username, (user, token) -> (token != null && token.fresh()) ? token
				: new Token(IdentityProvider.demoToken(this.tokenUri, user), Instant.now()))
			.value();
	}

	private record Token(String value, Instant fetched) {

		boolean fresh() {
			return Instant.now().isBefore(this.fetched.plus(REUSE_FOR));
		}

	}

}
