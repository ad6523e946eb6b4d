package io.microshop.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Keycloak, the OpenID Connect provider of the system, run from its distribution on Maven
 * Central (this module's build unpacks it into {@code local-stack/target/keycloak}) as
 * its own process. The realm of {@code deploy/keycloak/microshop-realm.json} is imported
 * at every start into an in-memory database, so the file in the repository is all there
 * is to it (ADR 0009).
 * <p>
 * Whatever port it listens on, its issuer is {@link #ISSUER}: the provider is told its
 * public address ({@code --hostname}), so a token fetched from any address it answers on
 * carries the one issuer every resource server checks.
 */
public final class IdentityProvider {

	/**
	 * The provider's port in API.md, where clients on this machine reach it.
	 */
	public static final int PORT = 8180;

	/**
	 * The provider's public address, the first part of the issuer (API.md).
	 */
	public static final String PUBLIC_URL = "http://localhost:" + PORT;

	/**
	 * The realm of the demo users and the demo client.
	 */
	public static final String REALM = "microshop";

	/**
	 * The issuer in every token, whichever way the system runs (API.md).
	 */
	public static final String ISSUER = PUBLIC_URL + "/realms/" + REALM;

	/**
	 * The demo client of the realm (LOCAL DEMO ONLY): public, with the password grant.
	 */
	public static final String DEMO_CLIENT = "microshop-cli";

	/**
	 * The password of every demo user of the realm (LOCAL DEMO ONLY).
	 */
	public static final String DEMO_PASSWORD = "local-demo-only";

	/**
	 * The demo user with the {@code admin} role.
	 */
	public static final String DEMO_ADMIN = "admin@example.com";

	private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

	private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");

	private static final HttpClient http = HttpClient.newBuilder()
		.connectTimeout(Duration.ofSeconds(2))
		.version(HttpClient.Version.HTTP_1_1)
		.build();

	/**
	 * Keycloak's own default heap (kc.sh) is -Xms64m -Xmx512m; the realm is tiny.
	 */
	private static final String HEAP = "-Xms64m -Xmx384m";

	private IdentityProvider() {
	}

	/**
	 * Starts Keycloak and waits until the realm's discovery document answers.
	 * @param root the repository's root (the distribution and the realm file are found
	 * under it)
	 * @param logDirectory where its output goes, as {@code identity-provider.log}
	 * @param port the HTTP port it listens on
	 * @param managementPort the port of its health endpoints
	 * @param java the java launcher to run it with
	 * @param output told of each line it prints
	 * @param again whether this starts it again after it ended (its log is added to)
	 * @return the running provider
	 */
	public static ManagedProcess start(Path root, Path logDirectory, int port, int managementPort, Path java,
			Output output, boolean again) {
		Path home = home(root);
		importRealm(root, home);
		List<String> command = List.of(home.resolve("bin/kc.sh").toString(), "start-dev", "--db=dev-mem",
				"--http-port=" + port, "--http-management-port=" + managementPort, "--hostname=" + PUBLIC_URL,
				// the token and key endpoints answer on whatever address they are called
				"--hostname-backchannel-dynamic=true", "--import-realm", "--health-enabled=true",
				// two deprecated features Keycloak 26.7 enables by default, and warns
				// about at every
				// start; the shop uses neither (remove with Keycloak 27, which drops
				// them)
				"--features-disabled=identity-brokering-api,twitter-broker");
		// kc.sh runs the java of JAVA_HOME
		Map<String, String> environment = Map.of("JAVA_HOME", java.toAbsolutePath().getParent().getParent().toString(),
				"JAVA_OPTS_KC_HEAP", HEAP);
		ManagedProcess provider = ManagedProcess.start("identity-provider", command, environment,
				logDirectory.resolve("identity-provider.log"), output, again);
		try {
			Probe.await(provider,
					"http://localhost:%d/realms/%s/.well-known/openid-configuration".formatted(port, REALM),
					START_TIMEOUT, (response) -> response.statusCode() == 200 && response.body().contains(ISSUER),
					"did not publish the " + REALM + " realm");
		}
		catch (RuntimeException ex) {
			provider.close();
			throw ex;
		}
		return provider;
	}

	/**
	 * The URL of the provider's signing keys on a port.
	 * @param port the port it listens on
	 * @return the JWK Set URL
	 */
	public static String jwkSetUri(int port) {
		return "http://localhost:%d/realms/%s/protocol/openid-connect/certs".formatted(port, REALM);
	}

	/**
	 * The URL of the provider's token endpoint on a port.
	 * @param port the port it listens on
	 * @return the token endpoint
	 */
	public static String tokenUri(int port) {
		return "http://localhost:%d/realms/%s/protocol/openid-connect/token".formatted(port, REALM);
	}

	/**
	 * Gets an access token for a demo user with the password grant of the demo client, as
	 * the README's curl does.
	 * @param tokenUri the token endpoint
	 * @param username the demo user, e.g. {@link #DEMO_ADMIN}
	 * @return the access token
	 */
	public static String demoToken(String tokenUri, String username) {
		String form = "grant_type=password&client_id=%s&username=%s&password=%s".formatted(DEMO_CLIENT,
				URLEncoder.encode(username, StandardCharsets.UTF_8), DEMO_PASSWORD);
		HttpRequest request = HttpRequest.newBuilder(URI.create(tokenUri))
			.timeout(Duration.ofSeconds(10))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.build();
		try {
			HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
			Matcher token = ACCESS_TOKEN.matcher(response.body());
			if (response.statusCode() != 200 || !token.find()) {
				throw new IllegalStateException("No token for " + username + " from " + tokenUri + ": "
						+ response.statusCode() + " " + response.body());
			}
			return token.group(1);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("The identity provider did not answer at " + tokenUri, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static Path home(Path root) {
		Path unpacked = root.resolve("local-stack/target/keycloak");
		try (Stream<Path> homes = Files.list(unpacked)) {
			return homes.filter((home) -> Files.isExecutable(home.resolve("bin/kc.sh")))
				.findFirst()
				.orElseThrow(() -> missing(unpacked));
		}
		catch (IOException ex) {
			throw missing(unpacked);
		}
	}

	private static StartupException missing(Path unpacked) {
		return new StartupException("No Keycloak distribution in " + unpacked
				+ ": build the local stack first (./mvnw -DskipTests -pl local-stack package)");
	}

	/**
	 * Puts the realm file where {@code --import-realm} reads it (the distribution's
	 * {@code data/import}), replacing whatever an earlier start left there.
	 */
	private static void importRealm(Path root, Path home) {
		Path realm = root.resolve("deploy/keycloak/microshop-realm.json");
		try {
			Path imports = Files.createDirectories(home.resolve("data/import"));
			Files.copy(realm, imports.resolve(realm.getFileName()), StandardCopyOption.REPLACE_EXISTING);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not put the realm " + realm + " where Keycloak imports it", ex);
		}
	}

}
