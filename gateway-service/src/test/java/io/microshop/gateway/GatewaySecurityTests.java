package io.microshop.gateway;

import java.util.stream.Stream;

import io.microshop.testidentity.ImportTestIdentity;
import io.microshop.testidentity.RefusedTokens;
import io.microshop.testidentity.TestIdentityProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * API v2's rules at the gateway, with real signed tokens and one live stub standing in
 * for all three services, recording what reaches them: a refused call is a problem from
 * the gateway itself and reaches no service; an allowed one is forwarded with its token.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "eureka.client.enabled=false", "microshop.gateway.cors.allowed-origins=http://localhost:3000" })
@AutoConfigureWebTestClient
@ImportTestIdentity
@ImportRateLimitStore
class GatewaySecurityTests {

	private static final TestIdentityProvider identity = TestIdentityProvider.get();

	private static final StubService services = StubService.start();

	@Autowired
	private WebTestClient client;

	@DynamicPropertySource
	static void instances(DynamicPropertyRegistry registry) {
		services.standInForEveryService(registry);
	}

	@AfterAll
	static void stopStub() {
		services.close();
	}

	@BeforeEach
	void forgetEarlierRequests() {
		services.forgetRequests();
	}

	@Test
	void theGatewaysDecoderVerifiesEachTokenOnce(@Autowired ReactiveJwtDecoder decoder) {
		String token = identity.admin();

		assertThat(decoder.decode(token).block()).isSameAs(decoder.decode(token).block());
	}

	@Test
	void anyoneReadsTheCatalogue() {
		this.client.get().uri("/api/products/ABC").exchange().expectStatus().isOk();
		this.client.get().uri("/api/products").exchange().expectStatus().isOk();
		assertThat(services.requestsSoFar()).hasSize(2);
	}

	@Test
	void withoutATokenOrdersAndNotificationsAre401ProblemsThatReachNoService() {
		for (String path : new String[] { "/api/orders", "/api/orders/42", "/api/notifications?orderId=1" }) {
			this.client.get()
				.uri(path)
				.exchange()
				.expectStatus()
				.isUnauthorized()
				.expectHeader()
				.valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
				.expectHeader()
				.contentType(MediaType.APPLICATION_PROBLEM_JSON)
				.expectBody()
				.jsonPath("$.type")
				.isEqualTo("urn:microshop:problem:unauthorized");
		}
		this.client.post()
			.uri("/api/orders")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{}")
			.exchange()
			.expectStatus()
			.isUnauthorized();
		assertThat(services.requestsSoFar()).isEmpty();
	}

	@Test
	void aCustomerMayNotChangeTheCatalogue() {
		String customer = "Bearer " + identity.customer("ada@example.com");
		for (String path : new String[] { "/api/products", "/api/products/ABC/restock" }) {
			this.client.post()
				.uri(path)
				.header(HttpHeaders.AUTHORIZATION, customer)
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue("{}")
				.exchange()
				.expectStatus()
				.isForbidden()
				.expectHeader()
				.contentType(MediaType.APPLICATION_PROBLEM_JSON)
				.expectBody()
				.jsonPath("$.type")
				.isEqualTo("urn:microshop:problem:forbidden");
		}
		assertThat(services.requestsSoFar()).isEmpty();
	}

	@Test
	void aCustomersCallsAreForwardedWithTheirToken() {
		String customer = "Bearer " + identity.customer("ada@example.com");

		this.client.get()
			.uri("/api/orders")
			.header(HttpHeaders.AUTHORIZATION, customer)
			.exchange()
			.expectStatus()
			.isOk();

		assertThat(services.requestsSoFar()).singleElement()
			.satisfies((request) -> assertThat(request.authorization()).isEqualTo(customer));
	}

	/**
	 * Also on the catalogue, where no token is needed: a token sent is a token checked.
	 */
	@ParameterizedTest(name = "a token {1} is refused on {0}")
	@MethodSource("refusedTokens")
	void aRefusedTokenIsA401ProblemThatReachesNoService(String path, String problem, String token) {
		this.client.get()
			.uri(path)
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.value(HttpHeaders.WWW_AUTHENTICATE, (challenge) -> assertThat(challenge).startsWith("Bearer error="))
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(services.requestsSoFar()).isEmpty();
	}

	static Stream<Arguments> refusedTokens() {
		return Stream.of("/api/orders", "/api/products/ABC")
			.flatMap((path) -> RefusedTokens.argumentsForAudience("gateway-service")
				.map((refused) -> Arguments.of(path, refused.get()[0], refused.get()[1])));
	}

	@Test
	void aTokenInTheQueryStringIs401EvenWhereNoTokenIsNeeded() {
		this.client.get()
			.uri("/api/products?access_token={token}", identity.admin())
			.exchange()
			.expectStatus()
			.isUnauthorized();
		assertThat(services.requestsSoFar()).isEmpty();
	}

	@Test
	void everyResponseCarriesTheSecurityHeaders() {
		this.client.get()
			.uri("/api/products/ABC")
			.exchange()
			.expectHeader()
			.valueEquals("X-Content-Type-Options", "nosniff")
			.expectHeader()
			.value(HttpHeaders.CACHE_CONTROL, (value) -> assertThat(value).contains("no-store"));
		this.client.get().uri("/api/orders").exchange().expectHeader().valueEquals("X-Content-Type-Options", "nosniff");
	}

	@Test
	void aBrowserOnAnOriginNotConfiguredIsRefused() {
		this.client.get()
			.uri("/api/products/ABC")
			.header(HttpHeaders.ORIGIN, "https://evil.example")
			.exchange()
			.expectStatus()
			.isForbidden();
		this.client.options()
			.uri("/api/orders")
			.header(HttpHeaders.ORIGIN, "https://evil.example")
			.header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
			.exchange()
			.expectStatus()
			.isForbidden();
		assertThat(services.requestsSoFar()).isEmpty();
	}

	@Test
	void aBrowserOnAConfiguredOriginIsAllowed() {
		this.client.options()
			.uri("/api/orders")
			.header(HttpHeaders.ORIGIN, "http://localhost:3000")
			.header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
			.header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, "Authorization, Content-Type")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "http://localhost:3000");
	}

}
