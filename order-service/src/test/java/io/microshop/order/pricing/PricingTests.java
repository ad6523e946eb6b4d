package io.microshop.order.pricing;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.microshop.discovery.FreezableInstance;
import io.microshop.order.InventoryStub;
import io.microshop.order.OrderServiceIntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.cloud.client.discovery.simple.InstanceProperties;
import org.springframework.cloud.client.discovery.simple.SimpleDiscoveryProperties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.entry;
import static org.awaitility.Awaitility.await;

/**
 * Pricing against a real HTTP server standing in for inventory-service, reached the way
 * the service reaches it in production: through the load balancer and the registry.
 */
@OrderServiceIntegrationTest
class PricingTests {

	private static final String INVENTORY_SERVICE = "inventory-service";

	@Autowired
	private Pricing pricing;

	@Autowired
	private CircuitBreakerRegistry breakers;

	@Autowired
	private InventoryStub inventory;

	@Autowired
	private SimpleDiscoveryProperties registry;

	private List<InstanceProperties> registered;

	@AfterEach
	void restoreRegistry() {
		if (this.registered != null) {
			this.registry.getInstances().put(INVENTORY_SERVICE, this.registered);
		}
	}

	@Test
	void pricesComeFromInventoryServiceFoundInTheRegistry() {
		String book = sku("BOOK");
		String pen = sku("PEN");
		this.inventory.product(book, "19.99");
		this.inventory.product(pen, "1.5");

		assertThat(this.pricing.unitPrices(List.of(book, pen))).containsExactly(entry(book, new BigDecimal("19.99")),
				entry(pen, new BigDecimal("1.5")));
	}

	@Test
	void theLinesOfAnOrderArePricedConcurrently() {
		List<String> skus = IntStream.range(0, 20).mapToObj((i) -> sku("LINE")).toList();
		skus.forEach((sku) -> this.inventory.slowProduct(sku, "2.50", Duration.ofMillis(300)));
		long start = System.nanoTime();

		assertThat(this.pricing.unitPrices(skus)).hasSize(20)
			.allSatisfy((sku, price) -> assertThat(price).isEqualByComparingTo("2.50"));
		// one after the other, they would take 6 s
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2000));
	}

	@Test
	void aSkuInventoryDoesNotKnowIsUnknown() {
		String book = sku("BOOK");
		String unknown = sku("NOPE");
		this.inventory.product(book, "19.99");

		assertThatExceptionOfType(UnknownSkuException.class)
			.isThrownBy(() -> this.pricing.unitPrices(List.of(book, unknown)))
			.satisfies((ex) -> assertThat(ex.getSku()).isEqualTo(unknown));
	}

	@Test
	void aLookupNoInstanceAnswersIsTriedThreeTimesWithinItsBudget() {
		String slow = sku("SLOW");
		this.inventory.slowProduct(slow, "19.99", Duration.ofSeconds(10));
		long start = System.nanoTime();

		assertThatExceptionOfType(PricesUnavailableException.class)
			.isThrownBy(() -> this.pricing.unitPrices(List.of(slow)))
			.withRootCauseInstanceOf(HttpTimeoutException.class);
		// three attempts of 500 ms and two short pauses: the gateway's 4 s are never
		// reached
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(1500),
				Duration.ofMillis(2500));
	}

	@Test
	void aFrozenInstanceCostsOneLookupATimeoutAndIsThenLeftOut() {
		String book = sku("BOOK");
		this.inventory.product(book, "19.99");
		try (FreezableInstance frozen = FreezableInstance.start()) {
			frozen.freeze();
			register(URI.create(this.inventory.url()), URI.create(frozen.url()));
			List<Duration> took = new ArrayList<>();
			for (int i = 0; i < 10; i++) {
				long start = System.nanoTime();
				assertThat(this.pricing.unitPrices(List.of(book))).containsEntry(book, new BigDecimal("19.99"));
				took.add(Duration.ofNanos(System.nanoTime() - start));
			}
			assertThat(frozen.requests()).as("lookups sent to the frozen instance").isEqualTo(1);
			assertThat(took.stream().filter((duration) -> duration.compareTo(Duration.ofMillis(450)) > 0))
				.as("lookups that waited for it")
				.hasSize(1);
		}
	}

	@Test
	void whenInventoryDoesNotAnswerTheBreakerOpensAndLookupsAreRefusedAtOnce() {
		List<String> skus = IntStream.range(0, 5).mapToObj((i) -> sku("LINE")).toList();
		try (FreezableInstance frozen = FreezableInstance.start()) {
			frozen.freeze();
			register(URI.create(frozen.url()));
			assertThatExceptionOfType(PricesUnavailableException.class).isThrownBy(() -> this.pricing.unitPrices(skus));
			// the order's five lookups end together; the breaker opens once all five are
			// counted
			await().atMost(Duration.ofSeconds(5))
				.until(() -> this.breakers.circuitBreaker(INVENTORY_SERVICE).getState() == CircuitBreaker.State.OPEN);
			int reached = frozen.requests();

			long start = System.nanoTime();
			assertThatExceptionOfType(PricesUnavailableException.class)
				.isThrownBy(() -> this.pricing.unitPrices(skus.subList(0, 1)))
				.withRootCauseInstanceOf(CallNotPermittedException.class);
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(100));
			assertThat(frozen.requests()).isEqualTo(reached);
		}
	}

	@Test
	void aFailingInventoryMakesPricesUnavailable() {
		String failing = sku("FAIL");
		this.inventory.failingProduct(failing);

		assertThatExceptionOfType(PricesUnavailableException.class)
			.isThrownBy(() -> this.pricing.unitPrices(List.of(failing)));
	}

	@Test
	void anUnreachableInventoryMakesPricesUnavailable() throws IOException {
		String book = sku("BOOK");
		this.inventory.product(book, "19.99");
		register(URI.create("http://localhost:" + closedPort()));

		assertThatExceptionOfType(PricesUnavailableException.class)
			.isThrownBy(() -> this.pricing.unitPrices(List.of(book)));
	}

	@Test
	void noRegisteredInventoryMakesPricesUnavailable() {
		String book = sku("BOOK");
		this.inventory.product(book, "19.99");
		register();

		assertThatExceptionOfType(PricesUnavailableException.class)
			.isThrownBy(() -> this.pricing.unitPrices(List.of(book)));
	}

	private void register(URI... uris) {
		this.registered = this.registry.getInstances().get(INVENTORY_SERVICE);
		this.registry.getInstances().put(INVENTORY_SERVICE, Arrays.stream(uris).map(PricingTests::instance).toList());
	}

	private static InstanceProperties instance(URI uri) {
		InstanceProperties instance = new InstanceProperties();
		instance.setServiceId(INVENTORY_SERVICE);
		instance.setUri(uri);
		return instance;
	}

	private static int closedPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	private static String sku(String prefix) {
		return prefix + "-" + UUID.randomUUID();
	}

}
