package io.microshop.gateway;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import io.microshop.testidentity.ImportTestIdentity;
import io.microshop.testidentity.TestIdentityProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * API v2's abuse limits at the gateway, counted in a real Redis with real signed tokens:
 * a client over its limit gets 429 problems that reach no service, while other clients
 * are served; and the count is shared by every gateway instance. The limits are lowered
 * here (one request a second, bursts of five), as API.md allows tests to.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "eureka.client.enabled=false", RateLimitTests.REQUESTS_PER_SECOND, RateLimitTests.BURST })
@AutoConfigureWebTestClient
@ImportTestIdentity
@ImportRateLimitStore
class RateLimitTests {

	static final String REQUESTS_PER_SECOND = "microshop.gateway.rate-limit.requests-per-second=1";

	static final String BURST = "microshop.gateway.rate-limit.burst=5";

	private static final TestIdentityProvider identity = TestIdentityProvider.get();

	private static final StubService services = StubService.start();

	@Autowired
	private WebTestClient client;

	@Autowired
	private MeterRegistry meters;

	@Autowired
	private ReactiveStringRedisTemplate redis;

	@DynamicPropertySource
	static void instances(DynamicPropertyRegistry registry) {
		services.standInForEveryService(registry);
	}

	@AfterAll
	static void stopStub() {
		services.close();
	}

	@BeforeEach
	void startWithFullBuckets() {
		this.redis.execute((connection) -> connection.serverCommands().flushAll()).blockLast();
		services.forgetRequests();
	}

	@Test
	void aBurstOverTheLimitMeets429ProblemsThatReachNoServiceWhileAnotherCustomerIsServed() {
		String ada = bearer(newCustomer());
		String grace = bearer(newCustomer());
		double rejectedBefore = rejected();

		List<EntityExchangeResult<byte[]>> burst = new ArrayList<>();
		for (int i = 0; i < 12; i++) {
			burst.add(get(this.client, "/api/orders", ada));
		}

		List<EntityExchangeResult<byte[]>> served = withStatus(burst, HttpStatus.OK);
		List<EntityExchangeResult<byte[]>> refused = withStatus(burst, HttpStatus.TOO_MANY_REQUESTS);
		assertThat(served.size() + refused.size()).isEqualTo(burst.size());
		// the burst's five at once, plus at most one a second while the loop ran
		assertThat(served.size()).isBetween(5, 7);
		assertThat(burst.subList(0, 5)).allSatisfy((result) -> assertThat(result.getStatus()).isEqualTo(HttpStatus.OK));
		assertThat(refused).allSatisfy(RateLimitTests::isTooManyRequestsProblem);
		assertThat(services.requestsSoFar()).hasSize(served.size());
		assertThat(rejected() - rejectedBefore).isEqualTo(refused.size());

		assertThat(get(this.client, "/api/orders", grace).getStatus()).isEqualTo(HttpStatus.OK);
	}

	@Test
	void withoutATokenTheClientsAddressIsLimitedAndTokenHoldersAtTheSameAddressAreNot() {
		List<EntityExchangeResult<byte[]>> burst = new ArrayList<>();
		for (int i = 0; i < 12; i++) {
			burst.add(get(this.client, "/api/products/ABC", null));
		}

		assertThat(withStatus(burst, HttpStatus.OK).size()).isBetween(5, 7);
		assertThat(withStatus(burst, HttpStatus.TOO_MANY_REQUESTS)).isNotEmpty()
			.allSatisfy(RateLimitTests::isTooManyRequestsProblem);
		assertThat(get(this.client, "/api/products/ABC", bearer(newCustomer())).getStatus()).isEqualTo(HttpStatus.OK);
	}

	@Test
	void everyRouteCountsAgainstTheSameLimit() {
		String ada = bearer(newCustomer());
		List<EntityExchangeResult<byte[]>> burst = new ArrayList<>();
		for (String path : new String[] { "/api/orders", "/api/notifications", "/api/products/ABC" }) {
			for (int i = 0; i < 4; i++) {
				burst.add(get(this.client, path, ada));
			}
		}

		assertThat(withStatus(burst, HttpStatus.OK).size()).isBetween(5, 7);
	}

	@Test
	void twoGatewayInstancesCountAgainstTheSameLimit(@Autowired Environment environment) {
		try (ConfigurableApplicationContext second = startAnotherGateway(environment)) {
			WebTestClient other = WebTestClient.bindToServer()
				.baseUrl("http://localhost:" + second.getEnvironment().getProperty("local.server.port"))
				.build();
			String ada = bearer(newCustomer());
			List<EntityExchangeResult<byte[]>> first = new ArrayList<>();
			List<EntityExchangeResult<byte[]>> fromTheOther = new ArrayList<>();
			for (int i = 0; i < 6; i++) {
				first.add(get(this.client, "/api/orders", ada));
				fromTheOther.add(get(other, "/api/orders", ada));
			}

			// each instance counting alone would let five through each
			int served = withStatus(first, HttpStatus.OK).size() + withStatus(fromTheOther, HttpStatus.OK).size();
			assertThat(served).isBetween(5, 7);
			assertThat(withStatus(fromTheOther, HttpStatus.TOO_MANY_REQUESTS)).isNotEmpty()
				.allSatisfy(RateLimitTests::isTooManyRequestsProblem);
		}
	}

	/**
	 * The same gateway again, on a port of its own, with the settings of this test's.
	 */
	private static ConfigurableApplicationContext startAnotherGateway(Environment environment) {
		List<String> arguments = new ArrayList<>(List.of("--server.port=0", "--eureka.client.enabled=false"));
		for (String key : new String[] { "spring.data.redis.port", "microshop.gateway.rate-limit.requests-per-second",
				"microshop.gateway.rate-limit.burst", "spring.security.oauth2.resourceserver.jwt.jwk-set-uri" }) {
			arguments.add("--" + key + "=" + environment.getRequiredProperty(key));
		}
		for (String service : StubService.SERVICES) {
			arguments.add("--spring.cloud.discovery.client.simple.instances." + service + "[0].uri=" + services.uri());
		}
		return new SpringApplicationBuilder(GatewayServiceApplication.class).run(arguments.toArray(String[]::new));
	}

	private static EntityExchangeResult<byte[]> get(WebTestClient client, String path, String authorization) {
		return client.get().uri(path).headers((headers) -> {
			if (authorization != null) {
				headers.set(HttpHeaders.AUTHORIZATION, authorization);
			}
		}).exchange().expectBody().returnResult();
	}

	private static List<EntityExchangeResult<byte[]>> withStatus(List<EntityExchangeResult<byte[]>> results,
			HttpStatus status) {
		return results.stream().filter((result) -> result.getStatus().value() == status.value()).toList();
	}

	private static void isTooManyRequestsProblem(EntityExchangeResult<byte[]> result) {
		assertThat(result.getStatus()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
		assertThat(result.getResponseHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(result.getResponseHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("1");
		assertThat(new String(result.getResponseBody()))
			.contains("\"type\":\"urn:microshop:problem:too-many-requests\"")
			.contains("\"status\":429");
	}

	private double rejected() {
		var counter = this.meters.find("microshop.gateway.rate.limit").tag("outcome", "rejected").counter();
		return (counter != null) ? counter.count() : 0;
	}

	private static String newCustomer() {
		return identity.customer("customer-" + UUID.randomUUID() + "@example.com");
	}

	private static String bearer(String token) {
		return "Bearer " + token;
	}

}
