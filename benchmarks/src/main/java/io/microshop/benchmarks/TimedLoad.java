package io.microshop.benchmarks;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A closed-model load whose every request is timed by the client that sends it: a few
 * clients, each sending its next request as soon as the last one is answered, for a
 * while. Used where the worst requests are the figure (a frozen instance): with one
 * instance frozen, wrk's latency distribution broke Little's law (a mean of 37 ms on 8
 * connections that answered 1,800 requests a second: about 0.3 s of latency was recorded
 * for every second the connections had), while clients timing each of their own requests
 * saw the rare one that waits out its timeout (docs/resilience.md).
 */
final class TimedLoad {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private TimedLoad() {
	}

	/**
	 * Sends the request from each client again and again until the time is up.
	 * @param request the request, sent as it is every time
	 * @param clients how many clients send it at once, each on a connection of its own
	 * @param duration for how long
	 * @return the answered requests, the errors (answers of 400 or more, no answer) and
	 * the latency of the answered ones
	 */
	static Wrk.Result run(HttpRequest request, int clients, Duration duration) {
		HttpRequest timed = HttpRequest.newBuilder(request, (name, value) -> true).timeout(TIMEOUT).build();
		AtomicLong errors = new AtomicLong();
		List<List<Double>> latencies = new ArrayList<>();
		List<Thread> threads = new ArrayList<>();
		long start = System.nanoTime();
		long end = start + duration.toNanos();
		for (int index = 0; index < clients; index++) {
			List<Double> millis = new ArrayList<>();
			latencies.add(millis);
			// a client of its own for each, so each keeps its own connection, as wrk's do
			HttpClient client = HttpClient.newBuilder()
				.version(HttpClient.Version.HTTP_1_1)
				.connectTimeout(TIMEOUT)
				.build();
			threads.add(Thread.ofPlatform().name("timed-load-" + index).start(() -> {
				while (System.nanoTime() < end) {
					long sent = System.nanoTime();
					try {
						HttpResponse<Void> response = client.send(timed, HttpResponse.BodyHandlers.discarding());
						millis.add((System.nanoTime() - sent) / 1e6);
						if (response.statusCode() >= 400) {
							errors.incrementAndGet();
						}
					}
					catch (IOException ex) {
						errors.incrementAndGet();
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
						return;
					}
				}
			}));
		}
		for (Thread thread : threads) {
			try {
				if (!thread.join(duration.plus(TIMEOUT).plusSeconds(5))) {
					throw new IllegalStateException(thread.getName() + " did not stop");
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}
		double seconds = (System.nanoTime() - start) / 1e9;
		List<Double> all = latencies.stream().flatMap(List::stream).toList();
		return new Wrk.Result(all.size(), seconds, all.size() / seconds, errors.get(), Latency.of(all));
	}

}
