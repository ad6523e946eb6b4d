package io.microshop.gateway;

import java.time.Duration;

import io.microshop.gateway.StubService.RecordedRequest;
import io.microshop.testidentity.ImportTestIdentity;
import io.microshop.testidentity.TestIdentityProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole gateway on a real port, with Eureka replaced by fixed instances:
 * inventory-service is a live stub, order-service's only instance refuses connections and
 * notification-service has no instance at all.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "eureka.client.enabled=false",
				"spring.cloud.gateway.server.webflux.httpclient.response-timeout=2s" })
@AutoConfigureWebTestClient
@ImportTestIdentity
@ImportRateLimitStore
@ExtendWith(OutputCaptureExtension.class)
class GatewayRoutingTests {

	private static final String ADMIN = "Bearer " + TestIdentityProvider.get().admin();

	private static final StubService inventory = StubService.start();

	@Autowired
	private WebTestClient client;

	@LocalServerPort
	private int port;

	@LocalManagementPort
	private int managementPort;

	@DynamicPropertySource
	static void instances(DynamicPropertyRegistry registry) {
		String simple = "spring.cloud.discovery.client.simple.instances.";
		registry.add(simple + "inventory-service[0].uri", inventory::uri);
		registry.add(simple + "order-service[0].uri", () -> "http://127.0.0.1:" + StubService.unusedPort());
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
	void forwardsAProductLookupToInventoryServiceWithPathAndQueryIntact() throws Exception {
		this.client.get()
			.uri("/api/products/ABC?fields=all")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.isEqualTo(StubService.PRODUCT);

		RecordedRequest received = inventory.nextRequest();
		assertThat(received.method()).isEqualTo("GET");
		assertThat(received.uri()).isEqualTo("/api/products/ABC?fields=all");
	}

	@Test
	void joinsTheClientsTraceCarriesItToTheServiceAndNamesItInTheResponse() throws Exception {
		String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
		String clientSpan = "00f067aa0ba902b7";

		this.client.get()
			.uri("/api/products/ABC")
			.header("traceparent", "00-" + traceId + "-" + clientSpan + "-01")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			// once: the service names the trace too, and the gateway's header replaces
			// its
			.valueEquals("X-Trace-Id", traceId);

		// the same trace, in a span of the gateway's own
		RecordedRequest received = inventory.nextRequest();
		assertThat(received.traceparent()).matches("00-" + traceId + "-[0-9a-f]{16}-01").doesNotContain(clientSpan);
	}

	@Test
	void aRequestWithoutATraceStartsOneAndARefusalNamesItToo() {
		this.client.post()
			.uri("/api/products")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{}")
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.value("X-Trace-Id", (traceId) -> assertThat(traceId).matches("[0-9a-f]{32}"));
	}

	@Test
	void passesAProblemFromTheServiceThroughUnchanged() {
		this.client.get()
			.uri("/api/products/MISSING")
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody(String.class)
			.isEqualTo(StubService.PRODUCT_NOT_FOUND);
	}

	@Test
	void forwardsAPostWithItsJsonBody() throws Exception {
		String product = """
				{"sku":"NEW","name":"Gadget","price":5.00,"quantity":3}""";

		this.client.post()
			.uri("/api/products")
			.header(HttpHeaders.AUTHORIZATION, ADMIN)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(product)
			.exchange()
			.expectStatus()
			.isCreated()
			.expectHeader()
			.valueEquals("Location", "/api/products/NEW");

		RecordedRequest received = inventory.nextRequest();
		assertThat(received.method()).isEqualTo("POST");
		assertThat(received.contentType()).startsWith("application/json");
		assertThat(received.body()).isEqualTo(product);
		// the services check the token again: it is forwarded as it came
		assertThat(received.authorization()).isEqualTo(ADMIN);
	}

	@Test
	void answersAServiceUnavailableProblemQuicklyWhenNoInstanceIsRegistered() {
		expectProblem(within(Duration.ofSeconds(3)).get()
			.uri("/api/notifications?orderId=1")
			.header(HttpHeaders.AUTHORIZATION, ADMIN)
			.exchange(), 503, "service-unavailable").jsonPath("$.detail")
			.value((String detail) -> assertThat(detail).contains("notification-service"));
	}

	@Test
	void answersAServiceUnavailableProblemWhenTheOnlyInstanceRefusesConnections() {
		expectProblem(within(Duration.ofSeconds(5)).get()
			.uri("/api/orders/42")
			.header(HttpHeaders.AUTHORIZATION, ADMIN)
			.exchange(), 503, "service-unavailable").jsonPath("$.detail")
			.value((String detail) -> assertThat(detail).contains("order-service"));
	}

	@Test
	void logsAFailedRouteInTheTraceOfItsRequest(CapturedOutput output) {
		String traceId = "0af7651916cd43dd8448eb211c80319c";

		this.client.get()
			.uri("/api/orders/43")
			.header(HttpHeaders.AUTHORIZATION, ADMIN)
			.header("traceparent", "00-" + traceId + "-b7ad6b7169203331-01")
			.exchange()
			.expectStatus()
			.isEqualTo(503);

		// the warning names the service, and carries the trace in the log pattern's
		// [traceId-spanId]
		assertThat(output.getOut().lines().filter((line) -> line.contains(" WARN ") && line.contains("order-service")))
			.anyMatch((line) -> line.contains("[" + traceId + "-"));
	}

	@Test
	void answersAGatewayTimeoutProblemWhenTheServiceDoesNotAnswerInTime() {
		expectProblem(within(Duration.ofSeconds(10)).get().uri("/api/products/SLOW").exchange(), 504, "gateway-timeout")
			.jsonPath("$.detail")
			.value((String detail) -> assertThat(detail).contains("inventory-service"));
	}

	@Test
	void answersANotFoundProblemForPathsNoRouteMatches() {
		for (String path : new String[] { "/api/nothing", "/foo" }) {
			expectProblem(this.client.get().uri(path).exchange(), 404, "not-found").jsonPath("$.detail")
				.value((String detail) -> assertThat(detail).contains(path));
		}
	}

	@Test
	void reportsItselfOutOfServiceWhileARoutedServiceHasNoInstance() {
		// notification-service has none: the gateway cannot route all of /api yet
		this.client.get()
			.uri("/actuator/health")
			.exchange()
			.expectStatus()
			.isEqualTo(503)
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("OUT_OF_SERVICE");
	}

	@Test
	void theRestOfTheActuatorIsANotFoundProblemEvenForTheAdmin() {
		for (String path : new String[] { "/actuator", "/actuator/prometheus", "/actuator/info", "/actuator/env",
				"/actuator/gateway/routes" }) {
			expectProblem(this.client.get().uri(path).header(HttpHeaders.AUTHORIZATION, ADMIN).exchange(), 404,
					"not-found");
		}
	}

	// what Prometheus scrapes, on the actuator's own port: every route's requests with
	// histogram buckets, and every answer the gateway gave, its own refusals included
	@Test
	void theActuatorsOwnPortServesEveryRoutesRequestsToPrometheus() {
		this.client.get().uri("/api/products/ABC").exchange().expectStatus().isOk();
		this.client.post().uri("/api/products").bodyValue("{}").exchange().expectStatus().isUnauthorized();

		WebTestClient actuator = WebTestClient.bindToServer()
			.baseUrl("http://localhost:" + this.managementPort)
			.build();
		actuator.get().uri("/actuator/prometheus").exchange().expectBody(String.class).value((scrape) -> {
			assertThat(scrape.lines())
				.anyMatch((line) -> line.startsWith("spring_cloud_gateway_requests_seconds_bucket{")
						&& line.contains("routeId=\"inventory-service\""));
			assertThat(scrape.lines()).anyMatch((line) -> line.startsWith("http_server_requests_seconds_bucket{")
					&& line.contains("status=\"401\""));
		});
		assertThat(this.managementPort).isNotEqualTo(this.port);
	}

	private WebTestClient within(Duration timeout) {
		return this.client.mutate().responseTimeout(timeout).build();
	}

	private static WebTestClient.BodyContentSpec expectProblem(ResponseSpec response, int status, String type) {
		return response.expectStatus()
			.isEqualTo(status)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("urn:microshop:problem:" + type)
			.jsonPath("$.title")
			.isNotEmpty()
			.jsonPath("$.status")
			.isEqualTo(status);
	}

}
