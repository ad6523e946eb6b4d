package io.microshop.order;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistrar;

/**
 * A real HTTP server standing in for inventory-service's {@code GET /api/products/{sku}}:
 * unknown skus are 404, and a sku can be made slow or failing. One per test JVM; tests
 * use their own skus.
 */
public final class InventoryStub {

	private static InventoryStub shared;

	private final HttpServer server;

	private final Map<String, Answer> products = new ConcurrentHashMap<>();

	// never released: a slow answer takes exactly its delay
	private final CountDownLatch never = new CountDownLatch(1);

	private InventoryStub() {
		try {
			this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
		this.server.createContext("/api/products/", this::handle);
		this.server.start();
		Runtime.getRuntime().addShutdownHook(new Thread(() -> this.server.stop(0), "inventory-stub-shutdown"));
	}

	public static synchronized InventoryStub shared() {
		if (shared == null) {
			shared = new InventoryStub();
		}
		return shared;
	}

	public String url() {
		return "http://localhost:" + this.server.getAddress().getPort();
	}

	public void product(String sku, String price) {
		this.products.put(sku, new Answer(200, json(sku, price), Duration.ZERO));
	}

	public void slowProduct(String sku, String price, Duration delay) {
		this.products.put(sku, new Answer(200, json(sku, price), delay));
	}

	public void failingProduct(String sku) {
		this.products.put(sku, new Answer(500, "{\"status\": 500}", Duration.ZERO));
	}

	private void handle(HttpExchange exchange) throws IOException {
		String sku = exchange.getRequestURI().getPath().substring("/api/products/".length());
		Answer answer = this.products.getOrDefault(sku, new Answer(404, "{\"status\": 404}", Duration.ZERO));
		delay(answer.delay());
		byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().add("Content-Type", "application/json");
		exchange.sendResponseHeaders(answer.status(), body.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(body);
		}
		catch (IOException ex) {
			// the client gave up waiting: expected for slow answers
		}
	}

	private void delay(Duration delay) {
		try {
			this.never.await(delay.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	// the fields inventory-service answers with, not only those pricing reads
	private static String json(String sku, String price) {
		return """
				{"sku": "%s", "name": "Product %s", "price": %s, "available": 10, "reserved": 0}""".formatted(sku, sku,
				price);
	}

	private record Answer(int status, String body, Duration delay) {

	}

	/**
	 * Lists the stub as the one instance of inventory-service.
	 */
	@TestConfiguration(proxyBeanMethods = false)
	static class Registration {

		@Bean(destroyMethod = "")
		InventoryStub inventoryStub() {
			return InventoryStub.shared();
		}

		@Bean
		DynamicPropertyRegistrar inventoryStubInstance(InventoryStub inventory) {
			return (registry) -> registry.add("spring.cloud.discovery.client.simple.instances.inventory-service[0].uri",
					inventory::url);
		}

	}

}
