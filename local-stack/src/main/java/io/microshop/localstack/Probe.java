package io.microshop.localstack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;

/**
 * Polls an HTTP endpoint until it answers as expected, giving up at a deadline or as soon
 * as the process behind it has died: a start-up never hangs.
 */
final class Probe {

	private static final HttpClient client = HttpClient.newBuilder()
		.connectTimeout(Duration.ofSeconds(1))
		.version(HttpClient.Version.HTTP_1_1)
		.build();

	private static final Duration INTERVAL = Duration.ofMillis(250);

	private Probe() {
	}

	static void awaitUp(ManagedProcess process, String url, Duration timeout) {
		await(process, url, timeout, (response) -> response.statusCode() == 200 && response.body().contains("UP"),
				"did not report UP at " + url);
	}

	static void await(ManagedProcess process, String url, Duration timeout, Predicate<HttpResponse<String>> ready,
			String failure) {
		await(process, url, null, timeout, ready, failure);
	}

	/**
	 * Polls as {@link #await(ManagedProcess, String, Duration, Predicate, String)} does,
	 * each request with a bearer token.
	 */
	static void await(ManagedProcess process, String url, String token, Duration timeout,
			Predicate<HttpResponse<String>> ready, String failure) {
		awaitAnswer(process, url, token, null, timeout, ready, failure);
	}

	/**
	 * Polls as
	 * {@link #await(ManagedProcess, String, String, Duration, Predicate, String)} does,
	 * each time posting a JSON body.
	 */
	static void awaitPost(ManagedProcess process, String url, String token, String body, Duration timeout,
			Predicate<HttpResponse<String>> ready, String failure) {
		awaitAnswer(process, url, token, body, timeout, ready, failure);
	}

	private static void awaitAnswer(ManagedProcess process, String url, String token, String body, Duration timeout,
			Predicate<HttpResponse<String>> ready, String failure) {
		Instant deadline = Instant.now().plus(timeout);
		while (true) {
			if (process != null && !process.isAlive()) {
				throw new StartupException(process, "exited during start-up");
			}
			if (answers(url, token, body, ready)) {
				return;
			}
			if (Instant.now().isAfter(deadline)) {
				// a process that runs but never comes up: say what it is doing
				String diagnosis = (process != null) ? " (" + process.diagnosis() + ")" : "";
				throw new StartupException(process, failure + " within " + timeout.toSeconds() + " s" + diagnosis);
			}
			pause();
		}
	}

	static boolean answers(String url, Predicate<HttpResponse<String>> ready) {
		return answers(url, null, null, ready);
	}

	private static boolean answers(String url, String token, String body, Predicate<HttpResponse<String>> ready) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url))
			.timeout(Duration.ofSeconds(3))
			.header("Accept", "application/json");
		if (body != null) {
			builder.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
		}
		if (token != null) {
			builder.header("Authorization", "Bearer " + token);
		}
		HttpRequest request = builder.build();
		try {
			return ready.test(client.send(request, HttpResponse.BodyHandlers.ofString()));
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for " + url, ex);
		}
	}

	private static void pause() {
		try {
			Thread.sleep(INTERVAL);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted during start-up", ex);
		}
	}

}
