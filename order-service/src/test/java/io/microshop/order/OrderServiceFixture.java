package io.microshop.order;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.microshop.messaging.EventsProperties;
import io.microshop.order.ordering.OrderManagement;
import io.microshop.testsupport.TopicProbe;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.support.AbstractTestExecutionListener;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The setup every {@link OrderServiceIntegrationTest} shares, written once: fresh
 * products of the inventory stand-in and fresh customers, orders placed, read and
 * cancelled over the service's HTTP API (as the admin), the events topic as
 * inventory-service sees it, the stock answers inventory-service writes there, and a
 * confirmation held open to stage a race. A bean of the test's application context: a
 * test autowires it.
 * <p>
 * The {@link #events() probe of the events topic} is opened when a test first asks for
 * it, so once the service has started and created the topics, and closed after that test.
 */
public final class OrderServiceFixture {

	/**
	 * How long a test waits for the service to get somewhere.
	 */
	public static final Duration PATIENCE = Duration.ofSeconds(20);

	private final ObjectProvider<RestTestClient> http;

	private final InventoryStub inventory;

	private final OrderManagement orderManagement;

	private final TransactionTemplate transactions;

	private final JdbcTemplate jdbc;

	private final String topic;

	private final String group;

	private TopicProbe events;

	OrderServiceFixture(ObjectProvider<RestTestClient> http, InventoryStub inventory, OrderManagement orderManagement,
			PlatformTransactionManager transactionManager, JdbcTemplate jdbc, EventsProperties events,
			KafkaProperties kafka) {
		this.http = http;
		this.inventory = inventory;
		this.orderManagement = orderManagement;
		this.transactions = new TransactionTemplate(transactionManager);
		this.jdbc = jdbc;
		this.topic = events.topic();
		this.group = kafka.getConsumer().getGroupId();
	}

	/**
	 * A new product of the inventory stand-in.
	 * @param price its unit price
	 * @return its sku
	 */
	public String product(String price) {
		String sku = uniqueSku();
		this.inventory.product(sku, price);
		return sku;
	}

	/**
	 * A new product whose price the inventory stand-in tells only after a delay.
	 * @param price its unit price
	 * @param delay how long each answer takes
	 * @return its sku
	 */
	public String slowProduct(String price, Duration delay) {
		String sku = uniqueSku();
		this.inventory.slowProduct(sku, price, delay);
		return sku;
	}

	/**
	 * The email of a new customer, who has no orders yet.
	 * @return the email
	 */
	public static String uniqueEmail() {
		return "customer-" + UUID.randomUUID() + "@example.com";
	}

	/**
	 * Places an order of one product at 10.00 for a new customer, which must be created.
	 * @return the order's id
	 */
	public UUID placeOrder() {
		JsonNode order = place(uniqueEmail(), """
				[{"sku": "%s", "quantity": 1}]""".formatted(product("10.00")));
		return UUID.fromString(order.get("id").asString());
	}

	/**
	 * Places an order, which must be created.
	 * @param email the customer's email
	 * @param lines the order's lines, as a JSON array
	 * @return the order, as answered
	 */
	public JsonNode place(String email, String lines) {
		return http().post()
			.uri("/api/orders")
			.contentType(MediaType.APPLICATION_JSON)
			.body("""
					{"customerEmail": "%s", "lines": %s}""".formatted(email, lines))
			.exchange()
			.expectStatus()
			.isCreated()
			.expectHeader()
			.valueMatches("Location", "/api/orders/[0-9a-f-]{36}")
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody();
	}

	public JsonNode get(UUID orderId) {
		return http().get()
			.uri("/api/orders/{id}", orderId)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody();
	}

	/**
	 * Cancels an order, which must succeed.
	 * @param orderId the order
	 * @return the order, as answered
	 */
	public JsonNode cancel(UUID orderId) {
		return http().post()
			.uri("/api/orders/{id}/cancel", orderId)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody();
	}

	/**
	 * Waits until an order has a status.
	 * @param orderId the order
	 * @param status the status
	 * @return the order then
	 */
	public JsonNode awaitStatus(UUID orderId, String status) {
		await().atMost(PATIENCE).until(() -> status.equals(get(orderId).get("status").asString()));
		return get(orderId);
	}

	/**
	 * The events topic and the service's dead-letter topic, read from the beginning, and
	 * written as inventory-service would.
	 * @return the probe of the current test
	 */
	public synchronized TopicProbe events() {
		if (this.events == null) {
			this.events = new TopicProbe(this.topic, this.group);
		}
		return this.events;
	}

	synchronized void closeEvents() {
		if (this.events != null) {
			this.events.close();
			this.events = null;
		}
	}

	/**
	 * Inventory-service's {@code StockReserved}, as it writes it.
	 * @param eventId the event's id
	 * @param orderId the order it is about: its id, or anything else for a malformed
	 * event
	 * @return the record value
	 */
	public static String stockReserved(UUID eventId, Object orderId) {
		return """
				{"eventId": "%s", "type": "StockReserved", "occurredAt": "%s", "orderId": "%s"}""".formatted(eventId,
				Instant.now(), orderId);
	}

	/**
	 * Inventory-service's {@code StockRejected} for want of stock, as it writes it.
	 * @param eventId the event's id
	 * @param orderId the order it is about
	 * @return the record value
	 */
	public static String stockRejected(UUID eventId, UUID orderId) {
		return """
				{"eventId": "%s", "type": "StockRejected", "occurredAt": "%s", "orderId": "%s",
				 "reason": "INSUFFICIENT_STOCK", "skus": ["ANY"]}""".formatted(eventId, Instant.now(), orderId);
	}

	/**
	 * Confirms an order through the service's use case in a transaction that then waits
	 * for a latch before it commits, so that it holds the order's row lock meanwhile.
	 * Returns once the order is confirmed in that transaction.
	 * @param executor where the transaction runs
	 * @param orderId the order
	 * @param commit the latch the transaction waits for
	 * @return the confirmation
	 */
	public HeldConfirmation confirmHoldingTheLock(ExecutorService executor, UUID orderId, CountDownLatch commit) {
		CountDownLatch confirmed = new CountDownLatch(1);
		AtomicInteger backendPid = new AtomicInteger();
		Future<?> outcome = executor.submit(() -> this.transactions.executeWithoutResult((transaction) -> {
			this.orderManagement.confirm(UUID.randomUUID(), orderId);
			backendPid.set(this.jdbc.queryForObject("select pg_backend_pid()", Integer.class));
			confirmed.countDown();
			awaitLatch(commit);
		}));
		awaitLatch(confirmed);
		return new HeldConfirmation(backendPid.get(), outcome);
	}

	private RestTestClient http() {
		return this.http.getObject();
	}

	private static String uniqueSku() {
		return "SKU-" + UUID.randomUUID();
	}

	private static void awaitLatch(CountDownLatch latch) {
		try {
			assertThat(latch.await(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * A confirmation whose transaction has not committed yet.
	 *
	 * @param backendPid the PostgreSQL backend that runs its transaction
	 * @param outcome done once it committed
	 */
	public record HeldConfirmation(int backendPid, Future<?> outcome) {

	}

	/**
	 * Makes the fixture a bean of the test's application context.
	 */
	@TestConfiguration(proxyBeanMethods = false)
	static class Registration {

		@Bean
		OrderServiceFixture orderServiceFixture(ObjectProvider<RestTestClient> http, InventoryStub inventory,
				OrderManagement orderManagement, PlatformTransactionManager transactionManager, JdbcTemplate jdbc,
				EventsProperties events, KafkaProperties kafka) {
			return new OrderServiceFixture(http, inventory, orderManagement, transactionManager, jdbc, events, kafka);
		}

	}

	/**
	 * Closes the fixture's probe after each test, if the test opened one.
	 */
	static class ClosingEvents extends AbstractTestExecutionListener {

		@Override
		public void afterTestMethod(TestContext testContext) {
			if (testContext.hasApplicationContext()) {
				testContext.getApplicationContext()
					.getBeanProvider(OrderServiceFixture.class)
					.ifAvailable(OrderServiceFixture::closeEvents);
				// the tests share one context: no test inherits a breaker another one
				// opened
				testContext.getApplicationContext()
					.getBeanProvider(CircuitBreakerRegistry.class)
					.ifAvailable((breakers) -> breakers.getAllCircuitBreakers().forEach(CircuitBreaker::reset));
			}
		}

	}

}
