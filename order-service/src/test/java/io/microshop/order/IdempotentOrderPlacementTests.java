package io.microshop.order;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.microshop.testidentity.TestIdentityProvider;
import io.microshop.testsupport.TopicProbe;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.client.RestTestClient;

import static io.microshop.order.OrderServiceFixture.PATIENCE;
import static io.microshop.order.OrderServiceFixture.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code Idempotency-Key} on {@code POST /api/orders} through the running service:
 * retries over real HTTP, the orders in PostgreSQL and their {@code OrderPlaced} on the
 * real events topic.
 */
@OrderServiceIntegrationTest
class IdempotentOrderPlacementTests {

	// Placing goes through the JDK client, which opens a connection per concurrent
	// request: RestTestClient uses Apache HttpClient here (it is on the classpath), which
	// allows 5 connections to one host, so 10 "concurrent" requests would go 5 at a time
	private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	private final JsonMapper json = JsonMapper.builder().build();

	@LocalServerPort
	private int port;

	@Autowired
	private OrderServiceFixture fixture;

	@Autowired
	private RestTestClient http;

	@Autowired
	private InventoryStub inventory;

	@Autowired
	private JdbcTemplate jdbc;

	@AfterEach
	void closeClient() {
		this.client.close();
	}

	@Test
	void aRetryWithTheSameKeyAndBodyAnswersTheFirstOrderAgainWithoutPlacingAnother() throws Exception {
		String email = uniqueEmail();
		String sku = this.fixture.product("12.50");
		String body = body(email, sku, 2);
		String key = uniqueKey();

		Placement first = place(key, body);
		// the retry must not need inventory-service: the order is already priced
		this.inventory.failingProduct(sku);
		Placement retry = place(key, body);

		assertThat(first.status()).isEqualTo(HttpStatus.CREATED);
		assertThat(retry.status()).isEqualTo(HttpStatus.CREATED);
		assertThat(retry.location()).isEqualTo(first.location());
		assertThat(retry.order()).isEqualTo(first.order());
		assertThat(ordersOf(email)).isEqualTo(1);
		assertPlacedOnce(first.orderId());
	}

	@Test
	void concurrentRetriesWithOneKeyAllAnswerTheOneOrderTheyPlaced() throws Exception {
		String email = uniqueEmail();
		// slow prices keep every request past the key lookup before any stores its
		// order, so all of them race to insert the key; well inside the lookup's 500 ms
		// timeout, also on a busy CI machine (250 ms once took one lookup past it three
		// times)
		String sku = this.fixture.slowProduct("3.00", Duration.ofMillis(150));
		String body = body(email, sku, 1);
		String key = uniqueKey();

		List<Placement> placements = placeConcurrently(10, key, body);

		assertThat(placements).extracting(Placement::status).containsOnly(HttpStatus.CREATED);
		assertThat(placements).extracting(Placement::orderId).hasSize(10).containsOnly(placements.get(0).orderId());
		assertThat(placements).extracting(Placement::location).containsOnly(placements.get(0).location());
		assertThat(ordersOf(email)).isEqualTo(1);
		assertThat(this.jdbc.queryForObject("select count(*) from orders.orders where customer_email = ?",
				Integer.class, email))
			.isEqualTo(1);
		assertPlacedOnce(placements.get(0).orderId());
	}

	@Test
	void theSameKeyWithAnotherBodyIsUnprocessableAndPlacesNothing() throws Exception {
		String email = uniqueEmail();
		String otherEmail = uniqueEmail();
		String sku = this.fixture.product("4.00");
		String key = uniqueKey();
		Placement first = place(key, body(email, sku, 1));

		Placement moreOfIt = place(key, body(email, sku, 2));
		Placement someoneElse = place(key, body(otherEmail, sku, 1));

		assertThat(List.of(moreOfIt, someoneElse)).allSatisfy((rejected) -> {
			assertThat(rejected.status()).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
			assertThat(rejected.contentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
			assertThat(rejected.order().get("type").asString())
				.isEqualTo("urn:microshop:problem:idempotency-key-reused");
			assertThat(rejected.location()).isNull();
		});
		assertThat(ordersOf(email)).isEqualTo(1);
		assertThat(ordersOf(otherEmail)).isZero();
		assertThat(place(key, body(email, sku, 1)).orderId()).isEqualTo(first.orderId());
		assertPlacedOnce(first.orderId());
	}

	private List<Placement> placeConcurrently(int count, String key, String body) throws Exception {
		CountDownLatch start = new CountDownLatch(1);
		try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
			List<Future<Placement>> answers = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				answers.add(executor.submit(() -> {
					start.await();
					return place(key, body);
				}));
			}
			start.countDown();
			List<Placement> placements = new ArrayList<>();
			for (Future<Placement> answer : answers) {
				placements.add(answer.get(PATIENCE.toSeconds(), TimeUnit.SECONDS));
			}
			return placements;
		}
	}

	private Placement place(String key, String body) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/api/orders"))
			.header("Idempotency-Key", key)
			.header("Authorization", "Bearer " + TestIdentityProvider.get().admin())
			.header("Content-Type", MediaType.APPLICATION_JSON_VALUE)
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build();
		HttpResponse<String> response = this.client.send(request, HttpResponse.BodyHandlers.ofString());
		HttpHeaders headers = response.headers();
		return new Placement(HttpStatus.valueOf(response.statusCode()),
				headers.firstValue("Content-Type").map(MediaType::parseMediaType).orElse(null),
				headers.firstValue("Location").orElse(null), this.json.readTree(response.body()));
	}

	private long ordersOf(String email) {
		return this.http.get()
			.uri("/api/orders?customerEmail={email}", email)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody()
			.at("/page/totalElements")
			.asLong();
	}

	// One OrderPlaced arrives, and no second one follows
	private void assertPlacedOnce(UUID orderId) {
		TopicProbe orderEvents = this.fixture.events();
		orderEvents.awaitEvent(orderId, "OrderPlaced");
		await().during(Duration.ofSeconds(1))
			.atMost(PATIENCE)
			.pollInSameThread()
			.until(() -> orderEvents.events(orderId, "OrderPlaced").size() == 1);
	}

	private static String body(String email, String sku, int quantity) {
		return """
				{"customerEmail": "%s", "lines": [{"sku": "%s", "quantity": %d}]}""".formatted(email, sku, quantity);
	}

	private static String uniqueKey() {
		return "order attempt " + UUID.randomUUID();
	}

	/**
	 * What one {@code POST /api/orders} answered.
	 *
	 * @param status the status
	 * @param contentType the body's media type
	 * @param location the Location header, if any
	 * @param order the body: the order, or a problem
	 */
	private record Placement(HttpStatus status, MediaType contentType, String location, JsonNode order) {

		UUID orderId() {
			return UUID.fromString(this.order.get("id").asString());
		}

	}

}
