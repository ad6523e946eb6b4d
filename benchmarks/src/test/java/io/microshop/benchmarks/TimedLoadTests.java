package io.microshop.benchmarks;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TimedLoadTests {

	private HttpServer server;

	private final AtomicInteger requests = new AtomicInteger();

	@BeforeEach
	void startServer() throws Exception {
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
		// every 50th request waits 300 ms, as one that meets a frozen instance waits out
		// its
		// timeout; every 10th is an error
		this.server.createContext("/", (exchange) -> {
			int request = this.requests.incrementAndGet();
			try {
				if (request % 50 == 0) {
					Thread.sleep(300);
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			exchange.sendResponseHeaders((request % 10 == 0) ? 503 : 200, -1);
			exchange.close();
		});
		this.server.start();
	}

	@AfterEach
	void stopServer() {
		this.server.stop(0);
	}

	@Test
	void everyRequestIsTimedSoTheLatenciesAgreeWithTheThroughput() {
		HttpRequest request = HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + this.server.getAddress().getPort() + "/"))
			.build();

		Wrk.Result result = TimedLoad.run(request, 4, Duration.ofSeconds(2));

		assertThat(result.requests()).isEqualTo(this.requests.get());
		assertThat(result.errors()).isEqualTo(result.requests() / 10);
		assertThat(result.latency().max()).isBetween(300.0, 1000.0);
		assertThat(result.latency().p50()).isLessThan(100.0);
		// Little's law: 4 clients, each always waiting for an answer, spend about 4 s of
		// latency a second (what wrk's distribution did not, with one instance frozen)
		assertThat(result.latency().mean() / 1000 * result.requestsPerSecond()).isBetween(3.0, 4.01);
	}

}
