package io.microshop.gateway;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.microshop.gateway.RawHttp.Response;
import io.microshop.testidentity.ImportTestIdentity;
import io.microshop.testidentity.TestIdentityProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests the gateway must refuse itself, sent byte for byte to the whole gateway on a
 * real port: each gets an RFC 9457 problem, and none reaches the service behind the
 * route.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "eureka.client.enabled=false",
				"spring.cloud.gateway.server.webflux.httpclient.response-timeout=4s",
				"microshop.gateway.request-body-idle-timeout=1s" })
@ImportTestIdentity
@ImportRateLimitStore
class MalformedRequestTests {

	private static final Duration PATIENCE = Duration.ofSeconds(10);

	private static final StubService inventory = StubService.start();

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void instances(DynamicPropertyRegistry registry) {
		registry.add("spring.cloud.discovery.client.simple.instances.inventory-service[0].uri", inventory::uri);
	}

	@AfterAll
	static void stopStub() {
		inventory.close();
	}

	@BeforeEach
	void forgetEarlierRequests() {
		inventory.forgetRequests();
	}

	@Test
	void aMalformedRequestTargetIsAProblemAndReachesNoService() {
		List<String> targets = List.of("/api/products/%c0%ae", "/api/products/%ff%fe", "/api/products/a%2Fb",
				"/api/products/a%5Cb", "/api/products/a\\b", "/api/products/%", "/api/products/%4",
				"/api/products/a%00b", "/api/products/a%0d%0ab", "/actuator/health/../../api/orders",
				"/api/products/..%2F..%2Factuator", "/api/products/%2e%2e/x", "/api/products/./x",
				"/api/products?sku=%zz", "/api/products?sku=%ff", "http://example.com/api/products");
		for (String target : targets) {
			Response response = get(target);
			assertThat(response.status()).as(target).isEqualTo(400);
			assertProblem(response, "malformed-request", target);
		}
		assertThat(inventory.requestsSoFar()).as("requests that reached inventory-service").isEmpty();
		assertThat(get("/api/products/A%20B?q=caf%C3%A9").status()).as("a well-formed target").isEqualTo(200);
		assertThat(inventory.requestsSoFar()).extracting(StubService.RecordedRequest::uri)
			.containsExactly("/api/products/A%20B?q=caf%C3%A9");
	}

	@Test
	void aRequestTargetOverNettysLimitIsA414Problem() {
		Response response = get("/api/products/" + "A".repeat(10_000));
		assertThat(response.status()).isEqualTo(414);
		assertProblem(response, "uri-too-long", "a 10 kB request target");
	}

	@Test
	void headersOverNettysLimitAreA431Problem() {
		Response response = RawHttp.send(this.port, "GET /api/products HTTP/1.1\r\nHost: localhost\r\nX-Big: "
				+ "x".repeat(20_000) + "\r\nConnection: close\r\n\r\n", PATIENCE);
		assertThat(response.status()).isEqualTo(431);
		assertProblem(response, "headers-too-large", "20 kB of headers");
	}

	@Test
	void aBodyThatStopsArrivingIsA408ProblemBeforeTheRouteTimesOut() {
		Instant sent = Instant.now();
		Response response = RawHttp.send(this.port,
				"POST /api/products HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
						+ TestIdentityProvider.get().admin()
						+ "\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"sku\":",
				PATIENCE);
		Duration took = Duration.between(sent, Instant.now());
		assertThat(response.status()).isEqualTo(408);
		assertProblem(response, "request-timeout", "a body that stops");
		assertThat(response.headers()).containsEntry("connection", "close");
		assertThat(took).as("time to the 408, with the route's response timeout at 4 s")
			.isLessThan(Duration.ofMillis(3500));
	}

	private Response get(String target) {
		return RawHttp.send(this.port, "GET " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
				PATIENCE);
	}

	private static void assertProblem(Response response, String type, String what) {
		assertThat(response.headers().get("content-type")).as("content type for %s", what)
			.isEqualTo("application/problem+json");
		assertThat(response.body()).as("problem for %s", what)
			.contains("\"type\":\"urn:microshop:problem:" + type + "\"")
			.contains("\"status\":" + response.status())
			.contains("\"title\":")
			.contains("\"detail\":");
	}

}
