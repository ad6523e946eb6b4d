package io.microshop.order.pricing;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

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
		skus.forEach((sku) -> this.inventory.slowProduct(sku, "2.50", Duration.ofSeconds(1)));
		long start = System.nanoTime();

		assertThat(this.pricing.unitPrices(skus)).hasSize(20)
			.allSatisfy((sku, price) -> assertThat(price).isEqualByComparingTo("2.50"));
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(3500));
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
	void aSlowInventoryTimesOutAfterTheReadTimeout() {
		String slow = sku("SLOW");
		this.inventory.slowProduct(slow, "19.99", Duration.ofSeconds(10));
		long start = System.nanoTime();

		assertThatExceptionOfType(PricesUnavailableException.class)
			.isThrownBy(() -> this.pricing.unitPrices(List.of(slow)))
			.withRootCauseInstanceOf(HttpTimeoutException.class);
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofSeconds(5), Duration.ofSeconds(9));
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
