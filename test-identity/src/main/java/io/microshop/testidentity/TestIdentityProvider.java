package io.microshop.testidentity;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;

/**
 * The identity provider of the integration tests, one per test JVM: an RSA key whose
 * public half is served as a JWK Set over HTTP on loopback (the resource servers fetch it
 * as they fetch Keycloak's), and tokens shaped like those of the realm
 * ({@code deploy/keycloak/microshop-realm.json}): the issuer of API.md, the four
 * audiences, the {@code roles} claim, a verified email. Tests also make the broken tokens
 * a resource server must refuse.
 */
public final class TestIdentityProvider {

	/**
	 * The issuer of API.md, the one every resource server checks.
	 */
	public static final String ISSUER = "http://localhost:8180/realms/microshop";

	/**
	 * The audiences the realm's demo client puts in every token.
	 */
	public static final List<String> AUDIENCES = List.of("gateway-service", "order-service", "inventory-service",
			"notification-service");

	/**
	 * Longer than the realm's five minutes: a test context outlives many of those, and a
	 * client built once keeps its token.
	 */
	private static final Duration LIFETIME = Duration.ofHours(1);

	private static volatile TestIdentityProvider instance;

	private final RSAKey key;

	private final HttpServer server;

	private TestIdentityProvider() {
		this.key = generateKey("test-signing-key");
		this.server = serve(new JWKSet(this.key.toPublicJWK()).toString());
	}

	/**
	 * The provider of this JVM, started on first use.
	 * @return the provider
	 */
	public static TestIdentityProvider get() {
		if (instance == null) {
			synchronized (TestIdentityProvider.class) {
				if (instance == null) {
					instance = new TestIdentityProvider();
				}
			}
		}
		return instance;
	}

	/**
	 * Where the signing keys are served.
	 * @return the JWK Set URL
	 */
	public String jwkSetUri() {
		return "http://localhost:%d/certs".formatted(this.server.getAddress().getPort());
	}

	/**
	 * A valid token of a customer.
	 * @param email the customer's email (also the username)
	 * @return the encoded token
	 */
	public String customer(String email) {
		return token().customer(email).encode();
	}

	/**
	 * A valid token of the shop's admin.
	 * @return the encoded token
	 */
	public String admin() {
		return token().admin().encode();
	}

	/**
	 * A token to shape: valid until changed, with no user yet.
	 * @return the token's builder
	 */
	public Token token() {
		return new Token();
	}

	private static RSAKey generateKey(String keyId) {
		try {
			return new RSAKeyGenerator(2048).keyID(keyId).generate();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static HttpServer serve(String jwkSet) {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
			byte[] body = jwkSet.getBytes(StandardCharsets.UTF_8);
			server.createContext("/certs", (exchange) -> {
				exchange.getResponseHeaders().set("Content-Type", "application/json");
				exchange.sendResponseHeaders(200, body.length);
				try (OutputStream out = exchange.getResponseBody()) {
					out.write(body);
				}
			});
			server.start();
			return server;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not serve the test JWK Set", ex);
		}
	}

	/**
	 * A token being shaped. Each method returns the same builder.
	 */
	public final class Token {

		private final JWTClaimsSet.Builder claims;

		private Signing signing = Signing.VALID;

		private String tamperedEmail;

		private Token() {
			Instant now = Instant.now();
			this.claims = new JWTClaimsSet.Builder().issuer(ISSUER)
				.audience(AUDIENCES)
				.issueTime(Date.from(now))
				.notBeforeTime(Date.from(now))
				.expirationTime(Date.from(now.plus(LIFETIME)))
				.jwtID(UUID.randomUUID().toString())
				.claim("typ", "Bearer")
				.claim("azp", "microshop-cli");
		}

		/**
		 * A customer, as the realm makes one: the email is the username, verified.
		 * @param email the email
		 * @return this builder
		 */
		public Token customer(String email) {
			return user(email, "customer");
		}

		/**
		 * The shop's admin ({@code admin@example.com}).
		 * @return this builder
		 */
		public Token admin() {
			return user("admin@example.com", "admin");
		}

		private Token user(String email, String... roles) {
			String address = email.toLowerCase(Locale.ROOT);
			this.claims.subject(UUID.nameUUIDFromBytes(address.getBytes(StandardCharsets.UTF_8)).toString())
				.claim("email", address)
				.claim("email_verified", true)
				.claim("preferred_username", address)
				.claim("roles", List.of(roles));
			return this;
		}

		/**
		 * Sets or removes (with {@code null}) any claim.
		 * @param name the claim
		 * @param value its value
		 * @return this builder
		 */
		public Token claim(String name, Object value) {
			this.claims.claim(name, value);
			return this;
		}

		public Token issuer(String issuer) {
			this.claims.issuer(issuer);
			return this;
		}

		public Token audience(String... audiences) {
			this.claims.audience(List.of(audiences));
			return this;
		}

		/**
		 * Valid from then for the usual lifetime.
		 * @param issued when it was issued
		 * @return this builder
		 */
		public Token issuedAt(Instant issued) {
			this.claims.issueTime(Date.from(issued))
				.notBeforeTime(Date.from(issued))
				.expirationTime(Date.from(issued.plus(LIFETIME)));
			return this;
		}

		public Token expiresAt(Instant expires) {
			this.claims.expirationTime(Date.from(expires));
			return this;
		}

		public Token notBefore(Instant notBefore) {
			this.claims.notBeforeTime(Date.from(notBefore));
			return this;
		}

		/**
		 * Not signed at all: {@code alg: none}.
		 * @return this builder
		 */
		public Token unsigned() {
			this.signing = Signing.NONE;
			return this;
		}

		/**
		 * Signed with HMAC (HS256), the provider's public key as the secret: the classic
		 * algorithm-confusion attack.
		 * @return this builder
		 */
		public Token hmacWithThePublicKey() {
			this.signing = Signing.HMAC_WITH_PUBLIC_KEY;
			return this;
		}

		/**
		 * Signed with another RSA key under the provider's key id.
		 * @return this builder
		 */
		public Token signedWithAnotherKey() {
			this.signing = Signing.ANOTHER_KEY;
			return this;
		}

		/**
		 * Signed with a key the provider does not publish, under a key id it does not
		 * know.
		 * @return this builder
		 */
		public Token unknownKeyId() {
			this.signing = Signing.UNKNOWN_KEY_ID;
			return this;
		}

		/**
		 * Signed properly, then its {@code email} claim changed without signing again.
		 * @param email the email written into the signed token
		 * @return this builder
		 */
		public Token tamperedEmail(String email) {
			this.tamperedEmail = email;
			return this;
		}

		/**
		 * The subject the token names so far.
		 * @return its {@code sub}
		 */
		public String subject() {
			return this.claims.build().getSubject();
		}

		/**
		 * The token as it goes into an {@code Authorization: Bearer} header.
		 * @return the encoded token
		 */
		public String encode() {
			JWTClaimsSet set = this.claims.build();
			String token = switch (this.signing) {
				case VALID -> sign(set, TestIdentityProvider.this.key);
				case NONE -> new PlainJWT(set).serialize();
				case HMAC_WITH_PUBLIC_KEY -> hmac(set);
				case ANOTHER_KEY -> sign(set, generateKey(TestIdentityProvider.this.key.getKeyID()));
				case UNKNOWN_KEY_ID -> sign(set, generateKey("unknown-" + UUID.randomUUID()));
			};
			return (this.tamperedEmail != null) ? tamper(token, this.tamperedEmail) : token;
		}

		private static String sign(JWTClaimsSet set, RSAKey key) {
			try {
				SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT)
					.keyID(key.getKeyID())
					.build(), set);
				jwt.sign(new RSASSASigner(key));
				return jwt.serialize();
			}
			catch (JOSEException ex) {
				throw new IllegalStateException(ex);
			}
		}

		private String hmac(JWTClaimsSet set) {
			try {
				byte[] secret = TestIdentityProvider.this.key.toPublicKey().getEncoded();
				SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT)
					.keyID(TestIdentityProvider.this.key.getKeyID())
					.build(), set);
				jwt.sign(new MACSigner(secret));
				return jwt.serialize();
			}
			catch (JOSEException ex) {
				throw new IllegalStateException(ex);
			}
		}

		private static String tamper(String token, String email) {
			String[] parts = token.split("\\.");
			Base64.Decoder decoder = Base64.getUrlDecoder();
			String payload = new String(decoder.decode(parts[1]), StandardCharsets.UTF_8);
			String changed = payload.replaceFirst("\"email\":\"[^\"]*\"", "\"email\":\"" + email + "\"");
			if (changed.equals(payload)) {
				throw new IllegalStateException("The token has no email to tamper with");
			}
			return parts[0] + "."
					+ Base64.getUrlEncoder().withoutPadding().encodeToString(changed.getBytes(StandardCharsets.UTF_8))
					+ "." + parts[2];
		}

	}

	private enum Signing {

		VALID, NONE, HMAC_WITH_PUBLIC_KEY, ANOTHER_KEY, UNKNOWN_KEY_ID

	}

}
