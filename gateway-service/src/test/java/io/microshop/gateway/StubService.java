package io.microshop.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A real HTTP server on a free local port that plays inventory-service behind the gateway
 * and records what reached it.
 */
final class StubService implements AutoCloseable {

	static final String PRODUCT = """
			{"sku":"ABC","name":"Widget","price":19.99,"available":5,"reserved":0}""";

	static final String PRODUCT_NOT_FOUND = """
			{"type":"urn:microshop:problem:product-not-found","title":"Product not found",\
			"status":404,"detail":"No product with SKU MISSING","instance":"/api/products/MISSING"}""";

	private final HttpServer server;

	private final BlockingQueue<RecordedRequest> requests = new LinkedBlockingQueue<>();

	/** Holds "slow" requests open until the stub is closed. */
	private final CountDownLatch release = new CountDownLatch(1);

	private StubService(HttpServer server) {
		this.server = server;
	}

	static StubService start() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
			server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
			StubService stub = new StubService(server);
			server.createContext("/", stub::handle);
			server.start();
			return stub;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** A local port nothing listens on, so connecting to it is refused. */
	static int unusedPort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The services the gateway routes to, by their discovery names.
	 */
	static final List<String> SERVICES = List.of("inventory-service", "order-service", "notification-service");

	/**
	 * Makes this stub the one instance of every service, in place of Eureka.
	 * @param registry the test's properties
	 */
	void standInForEveryService(DynamicPropertyRegistry registry) {
		for (String service : SERVICES) {
			registry.add("spring.cloud.discovery.client.simple.instances." + service + "[0].uri", this::uri);
		}
	}

	String uri() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	RecordedRequest nextRequest() throws InterruptedException {
		return this.requests.poll(5, TimeUnit.SECONDS);
	}

	/**
	 * The requests that reached the stub and were not yet taken with
	 * {@link #nextRequest()}.
	 */
	List<RecordedRequest> requestsSoFar() {
		return List.copyOf(this.requests);
	}

	void forgetRequests() {
		this.requests.clear();
	}

	@Override
	public void close() {
		this.release.countDown();
		this.server.stop(0);
	}

	private void handle(HttpExchange exchange) throws IOException {
		String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
		this.requests.add(new RecordedRequest(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
				exchange.getRequestHeaders().getFirst("Content-Type"),
				exchange.getRequestHeaders().getFirst("Authorization"),
				exchange.getRequestHeaders().getFirst("traceparent"), body));
		switch (exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath()) {
			case "GET /api/products/MISSING" -> respond(exchange, 404, "application/problem+json", PRODUCT_NOT_FOUND);
			case "GET /api/products/SLOW" -> respondLate(exchange);
			case "POST /api/products" -> {
				exchange.getResponseHeaders().add("Location", "/api/products/NEW");
				respond(exchange, 201, "application/json", body);
			}
			default -> respond(exchange, 200, "application/json", PRODUCT);
		}
	}

	private void respondLate(HttpExchange exchange) throws IOException {
		try {
			this.release.await(30, TimeUnit.SECONDS);
			respond(exchange, 200, "application/json", PRODUCT);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static void respond(HttpExchange exchange, int status, String contentType, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().add("Content-Type", contentType);
		// as the services do: the trace the request came in, named in the response
		String traceparent = exchange.getRequestHeaders().getFirst("traceparent");
		if (traceparent != null && traceparent.length() >= 35) {
			exchange.getResponseHeaders().add("X-Trace-Id", traceparent.substring(3, 35));
		}
		exchange.sendResponseHeaders(status, bytes.length);
		try (var out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	record RecordedRequest(String method, String uri, String contentType, String authorization, String traceparent,
			String body) {
	}

}
