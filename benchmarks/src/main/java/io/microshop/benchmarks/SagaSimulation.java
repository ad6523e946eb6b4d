package io.microshop.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * Gatling's open model for the saga's latency: orders arrive at a fixed mean rate (at
 * random intervals, as independent customers do), whatever the system's answers, so that
 * a slow answer does not hold back the next order as it would in a closed model. Each
 * order's id and the moment it was sent (epoch microseconds) are written to a file, from
 * which {@link SagaLatency} computes the time until the order was confirmed. Run by
 * {@link GatlingRun} with its settings as system properties ({@code saga.*}).
 */
public class SagaSimulation extends Simulation {

	private final Path ordersFile = Path.of(System.getProperty("saga.orders"));

	private final Queue<String> sent = new ConcurrentLinkedQueue<>();

	private final AtomicLong failed = new AtomicLong();

	{
		String sku = System.getProperty("saga.sku");
		HttpProtocolBuilder protocol = http.baseUrl(System.getProperty("saga.gateway"))
			.acceptHeader("application/json")
			.contentTypeHeader("application/json")
			// the connections of one client application, as a web front end keeps them
			.shareConnections();
		// none on a stack without identity
		String authorization = System.getProperty("saga.authorization");
		if (authorization != null) {
			protocol = protocol.authorizationHeader(authorization);
		}
		ScenarioBuilder customers = scenario("Customers placing orders")
			.exec((session) -> session.set("sentAt", ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now())))
			.exec(http("POST /api/orders").post("/api/orders")
				.body(StringBody(Shop.orderBody(sku)))
				.check(status().is(201), jsonPath("$.id").saveAs("orderId")))
			.exec((session) -> {
				if (session.isFailed()) {
					this.failed.incrementAndGet();
				}
				else {
					this.sent.add(session.getString("orderId") + "," + session.getLong("sentAt"));
				}
				return session;
			});
		double rate = Double.parseDouble(System.getProperty("saga.rate"));
		Duration duration = Duration.ofSeconds(Long.getLong("saga.seconds"));
		setUp(customers.injectOpen(constantUsersPerSec(rate).during(duration).randomized())).protocols(protocol);
	}

	@Override
	public void after() {
		try {
			Files.write(this.ordersFile, List.copyOf(this.sent));
			Files.writeString(this.ordersFile.resolveSibling(this.ordersFile.getFileName() + ".failed"),
					Long.toString(this.failed.get()));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
