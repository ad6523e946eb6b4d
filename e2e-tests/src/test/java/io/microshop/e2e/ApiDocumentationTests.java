package io.microshop.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.microshop.localstack.IdentityProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API, browsable at the gateway: the Swagger UI at {@code /swagger-ui.html} lists
 * every service's OpenAPI document, each document has every call of the contract with
 * every status the contract gives it, and the UI's login (the authorization-code flow
 * with PKCE of the demo client, LOCAL DEMO ONLY) yields a token the gateway accepts.
 */
@ExtendWith(RunningSystemExtension.class)
class ApiDocumentationTests {

	/**
	 * A call of the contract's tables:
	 * {@code | `POST /api/orders` ... | 201, ... | 400 ...; 403 ... |}.
	 */
	private static final Pattern CALL = Pattern
		.compile("^\\| `(GET|POST|PUT|PATCH|DELETE) (/[^`\\s?]*)[^|]*\\|([^|]*)\\|([^|]*)\\|\\s*$");

	/**
	 * A status at the start of the success cell, or of each {@code ;}-separated error.
	 */
	private static final Pattern STATUS = Pattern.compile("(?:^|;)\\s*(\\d{3})\\b");

	private static final JsonMapper json = JsonMapper.shared();

	private static RunningSystem system;

	private static String gatewayUrl;

	private static final HttpClient http = HttpClient.newBuilder()
		.connectTimeout(Duration.ofSeconds(2))
		.followRedirects(HttpClient.Redirect.NEVER)
		.build();

	/**
	 * The browser's cookies, sent back as a browser would: by name only (Keycloak's are
	 * Secure, which java.net's cookie manager keeps from plain HTTP, as a browser does
	 * not for localhost).
	 */
	private static final Map<String, String> cookies = new ConcurrentHashMap<>();

	@BeforeAll
	static void start(RunningSystem runningSystem, Gateway gateway) {
		system = runningSystem;
		gatewayUrl = gateway.baseUrl();
	}

	@Test
	void everyCallOfTheContractIsDocumentedWithEveryStatusItGives() {
		Map<String, JsonNode> operations = documentedOperations();
		Map<String, Set<String>> contract = contractCalls();
		assertThat(contract).as("calls read from docs/api.md").hasSizeGreaterThanOrEqualTo(9);
		contract.forEach((call, statuses) -> {
			assertThat(operations).as("documented operations").containsKey(call);
			assertThat(operations.get(call).path("responses").propertyNames()).as("the statuses of %s", call)
				.containsAll(statuses);
		});
		// API v2: everything but the public reads needs a token, and the gateway may
		// refuse any call
		Set<String> open = Set.of("GET /api/products", "GET /api/products/{sku}", "GET /actuator/health");
		operations.forEach((call, operation) -> {
			if (call.startsWith("GET /actuator/")) {
				return;
			}
			assertThat(operation.path("responses").propertyNames()).as("the statuses of %s", call).contains("429");
			if (!open.contains(call)) {
				assertThat(operation.path("responses").propertyNames()).as("the statuses of %s", call)
					.contains("401", "403");
			}
			else {
				assertThat(operation.path("security").isArray() && operation.path("security").isEmpty())
					.as("%s needs no token", call)
					.isTrue();
			}
		});
	}

	@Test
	void everyProblemIsAnRfc9457ProblemWithAnExample() {
		documentedOperations().forEach((call, operation) -> operation.path("responses")
			.properties()
			.stream()
			.filter((response) -> response.getKey().startsWith("4") || response.getKey().startsWith("5"))
			.filter((response) -> !call.startsWith("GET /actuator/"))
			.forEach((response) -> {
				JsonNode problem = response.getValue().path("content").path("application/problem+json");
				assertThat(problem.path("schema").path("$ref").asString()).as("%s %s", call, response.getKey())
					.isEqualTo("#/components/schemas/Problem");
				JsonNode example = problem.has("example") ? problem.path("example")
						: problem.path("examples").values().iterator().next().path("value");
				assertThat(example.path("status").asInt()).as("%s %s", call, response.getKey())
					.isEqualTo(Integer.parseInt(response.getKey()));
				assertThat(example.path("type").asString()).startsWith("urn:microshop:problem:");
			}));
	}

	@Test
	void swaggerUiListsEveryDocumentAndLogsInWithTheDemoClient() {
		HttpResponse<String> page = get(gatewayUrl + "/swagger-ui.html", Map.of());
		assertThat(page.statusCode()).isEqualTo(302);
		HttpResponse<String> index = get(resolve(gatewayUrl, page.headers().firstValue("Location").orElseThrow()),
				Map.of());
		assertThat(index.statusCode()).isEqualTo(200);
		assertThat(index.body()).contains("swagger-ui");
		JsonNode config = swaggerConfig();
		assertThat(config.path("urls").findValuesAsString("url")).containsExactlyInAnyOrder(
				"/v3/api-docs/order-service", "/v3/api-docs/inventory-service", "/v3/api-docs/notification-service",
				"/v3/api-docs");
		HttpResponse<String> initializer = get(resolve(gatewayUrl, page.headers().firstValue("Location").orElseThrow())
			.replace("index.html", "swagger-initializer.js"), Map.of());
		Matcher oauth = Pattern.compile("ui\\.initOAuth\\(\\s*(\\{[^)]*\\})\\s*\\)").matcher(initializer.body());
		assertThat(oauth.find()).as("the UI's login settings").isTrue();
		JsonNode login = json.readTree(oauth.group(1));
		assertThat(login.path("clientId").asString()).isEqualTo(IdentityProvider.DEMO_CLIENT);
		assertThat(login.path("usePkceWithAuthorizationCodeGrant").asBoolean()).isTrue();
	}

	@Test
	void tryItOutCallsTheApiWithTheTokenOfTheSwaggerUiLogin() {
		String redirectUri = swaggerConfig().path("oauth2RedirectUrl").asString();
		assertThat(redirectUri).isEqualTo(gatewayUrl + "/swagger-ui/oauth2-redirect.html");
		assertThat(get(redirectUri, Map.of()).statusCode()).isEqualTo(200);
		String verifier = randomUrlSafe(48);
		String code = logIn(redirectUri, challenge(verifier));

		// Swagger UI, a page of the gateway's origin, exchanges the code with its
		// verifier
		String origin = "http://localhost:8080";
		HttpResponse<String> token = exchange(code, redirectUri, verifier, Map.of("Origin", origin));
		assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
		assertThat(token.headers().firstValue("Access-Control-Allow-Origin")).as("the browser may read the token")
			.hasValue(origin);
		String accessToken = json.readTree(token.body()).path("access_token").asString();

		Gateway.Response orders = new Gateway(gatewayUrl).withToken(accessToken).get("/api/orders");
		assertThat(orders.status()).isEqualTo(200);
		assertThat(orders.body().has("content")).isTrue();
	}

	@Test
	void aCodeIsExchangedOnlyWithTheVerifierOfItsChallenge() {
		String redirectUri = gatewayUrl + "/swagger-ui/oauth2-redirect.html";
		Map<String, String> withoutChallenge = authorization(redirectUri, "no-challenge", null);
		HttpResponse<String> refused = get(authorizationUrl() + "?" + form(withoutChallenge), Map.of());
		assertThat(refused.headers().firstValue("Location").orElse(refused.body()))
			.as("the demo client requires PKCE (S256)")
			.contains("error=invalid_request");

		String code = logIn(redirectUri, challenge(randomUrlSafe(48)));
		HttpResponse<String> token = exchange(code, redirectUri, randomUrlSafe(48), Map.of());
		assertThat(token.statusCode()).isEqualTo(400);
		assertThat(json.readTree(token.body()).path("error").asString()).isEqualTo("invalid_grant");
	}

	/**
	 * What the browser does once "Authorize" is pressed: the provider's login page, Ada's
	 * credentials (or her session, if she logged in before), and the redirect back to the
	 * Swagger UI with a code.
	 * @param redirectUri the Swagger UI's redirect page
	 * @param challenge the PKCE challenge
	 * @return the code
	 */
	private static String logIn(String redirectUri, String challenge) {
		String state = randomUrlSafe(16);
		HttpResponse<String> answer = get(authorizationUrl() + "?" + form(authorization(redirectUri, state, challenge)),
				Map.of());
		if (answer.statusCode() == 200) {
			Matcher action = Pattern.compile("<form[^>]*id=\"kc-form-login\"[^>]*action=\"([^\"]+)\"")
				.matcher(answer.body());
			assertThat(action.find()).as("Keycloak's login form").isTrue();
			answer = post(here(action.group(1).replace("&amp;", "&")),
					form(Map.of("username", "ada@example.com", "password", IdentityProvider.DEMO_PASSWORD)), Map.of());
		}
		assertThat(answer.statusCode()).as(answer.body()).isEqualTo(302);
		URI callback = URI.create(answer.headers().firstValue("Location").orElseThrow());
		assertThat(callback.toString()).startsWith(redirectUri + "?");
		Map<String, String> fields = query(callback);
		assertThat(fields).containsEntry("state", state).containsKey("code");
		return fields.get("code");
	}

	private static Map<String, String> authorization(String redirectUri, String state, String challenge) {
		Map<String, String> authorization = new LinkedHashMap<>();
		authorization.put("response_type", "code");
		authorization.put("client_id", IdentityProvider.DEMO_CLIENT);
		authorization.put("redirect_uri", redirectUri);
		authorization.put("scope", "openid");
		authorization.put("state", state);
		if (challenge != null) {
			authorization.put("code_challenge", challenge);
			authorization.put("code_challenge_method", "S256");
		}
		return authorization;
	}

	private static HttpResponse<String> exchange(String code, String redirectUri, String verifier,
			Map<String, String> headers) {
		Map<String, String> exchange = new LinkedHashMap<>();
		exchange.put("grant_type", "authorization_code");
		exchange.put("client_id", IdentityProvider.DEMO_CLIENT);
		exchange.put("code", code);
		exchange.put("redirect_uri", redirectUri);
		exchange.put("code_verifier", verifier);
		return post(here(oauthFlow().path("tokenUrl").asString()), form(exchange), headers);
	}

	/**
	 * The authorization URL the documents give the Swagger UI, where the provider listens
	 * here.
	 */
	private static String authorizationUrl() {
		String documented = oauthFlow().path("authorizationUrl").asString();
		assertThat(documented).startsWith(IdentityProvider.ISSUER);
		return here(documented);
	}

	private static JsonNode oauthFlow() {
		return document("/v3/api-docs/order-service").at("/components/securitySchemes/oauth2/flows/authorizationCode");
	}

	private static String challenge(String verifier) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
			return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static Map<String, JsonNode> documentedOperations() {
		Map<String, JsonNode> operations = new HashMap<>();
		for (String url : swaggerConfig().path("urls").findValuesAsString("url")) {
			document(url).path("paths")
				.properties()
				.forEach((path) -> path.getValue()
					.properties()
					.forEach((operation) -> operations
						.put(operation.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey(), operation.getValue())));
		}
		return operations;
	}

	/**
	 * The contract's calls and their statuses, from the tables of docs/api.md (the
	 * contract of ../shared/API.md as it stands, before this system's extensions), and
	 * its one operations call.
	 */
	private static Map<String, Set<String>> contractCalls() {
		Path root = Path.of(System.getProperty("microshop.root", "..")).toAbsolutePath().normalize();
		List<String> lines;
		try {
			lines = Files.readAllLines(root.resolve("docs/api.md"));
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		Map<String, Set<String>> calls = new LinkedHashMap<>();
		for (String line : lines) {
			if (line.startsWith("## Extensions")) {
				break;
			}
			Matcher call = CALL.matcher(line);
			if (call.matches()) {
				Set<String> statuses = new LinkedHashSet<>(statuses(call.group(3)));
				statuses.addAll(statuses(call.group(4)));
				calls.put(call.group(1) + " " + call.group(2), statuses);
			}
		}
		calls.put("GET /actuator/health", Set.of("200"));
		return calls;
	}

	private static List<String> statuses(String cell) {
		List<String> statuses = new ArrayList<>();
		Matcher status = STATUS.matcher(cell.trim());
		while (status.find()) {
			statuses.add(status.group(1));
		}
		return statuses;
	}

	private static JsonNode swaggerConfig() {
		return document("/v3/api-docs/swagger-config");
	}

	private static JsonNode document(String path) {
		HttpResponse<String> response = get(gatewayUrl + path, Map.of());
		assertThat(response.statusCode()).as("GET %s", path).isEqualTo(200);
		return json.readTree(response.body());
	}

	/** An address of the provider's public URL, where the provider listens here. */
	private static String here(String url) {
		return url.replace(IdentityProvider.PUBLIC_URL, system.identityProviderUrl());
	}

	private static String resolve(String base, String location) {
		return URI.create(base + "/").resolve(location).toString();
	}

	private static String form(Map<String, String> fields) {
		return fields.entrySet()
			.stream()
			.map((field) -> field.getKey() + "=" + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
	}

	private static Map<String, String> query(URI uri) {
		Map<String, String> fields = new HashMap<>();
		for (String pair : uri.getRawQuery().split("&")) {
			String[] nameAndValue = pair.split("=", 2);
			fields.put(nameAndValue[0], URLDecoder.decode(nameAndValue[1], StandardCharsets.UTF_8));
		}
		return fields;
	}

	private static String randomUrlSafe(int bytes) {
		byte[] random = new byte[bytes];
		new SecureRandom().nextBytes(random);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
	}

	private static HttpResponse<String> get(String url, Map<String, String> headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).GET();
		headers.forEach(request::header);
		return send(request);
	}

	private static HttpResponse<String> post(String url, String form, Map<String, String> headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form));
		headers.forEach(request::header);
		return send(request);
	}

	private static HttpResponse<String> send(HttpRequest.Builder request) {
		if (!cookies.isEmpty()) {
			request.header("Cookie",
					cookies.entrySet()
						.stream()
						.map((cookie) -> cookie.getKey() + "=" + cookie.getValue())
						.collect(Collectors.joining("; ")));
		}
		try {
			HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(15)).build(),
					HttpResponse.BodyHandlers.ofString());
			for (String cookie : response.headers().allValues("Set-Cookie")) {
				String[] nameAndValue = cookie.split(";", 2)[0].split("=", 2);
				cookies.put(nameAndValue[0].trim(), (nameAndValue.length > 1) ? nameAndValue[1] : "");
			}
			return response;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
