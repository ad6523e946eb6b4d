package io.microshop.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * wrk, the HTTP load generator, run as a process: a closed model in which each of a
 * number of connections sends its next request as soon as its last one is answered, for a
 * fixed time. Its Lua script ({@code wrk-report.lua}) sets the request and prints the
 * result as JSON, with the percentiles up to 99.9.
 */
final class Wrk {

	private static final String MARKER = "wrk-result ";

	private static final JsonMapper json = JsonMapper.builder().build();

	private final Path script;

	private final int threads;

	/**
	 * @param workDirectory where the Lua script is put
	 * @param threads how many threads wrk may use at most (the machine's cores)
	 */
	Wrk(Path workDirectory, int threads) {
		this.script = workDirectory.resolve("wrk-report.lua");
		this.threads = threads;
		try (InputStream lua = Wrk.class.getResourceAsStream("wrk-report.lua")) {
			Files.createDirectories(workDirectory);
			Files.copy(lua, this.script, StandardCopyOption.REPLACE_EXISTING);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Sends GET requests.
	 * @param url the URL
	 * @param connections how many connections
	 * @param duration for how long
	 * @param output where wrk's output is kept
	 * @return the result
	 */
	Result get(String url, int connections, Duration duration, Path output) {
		return run(url, connections, duration, null, null, output);
	}

	/**
	 * Sends POST requests, each with the same JSON body and Authorization header.
	 * @param url the URL
	 * @param body the body
	 * @param authorization the Authorization header (a bearer token), or {@code null} for
	 * none
	 * @param connections how many connections
	 * @param duration for how long
	 * @param output where wrk's output is kept
	 * @return the result
	 */
	Result post(String url, String body, String authorization, int connections, Duration duration, Path output) {
		return run(url, connections, duration, body, authorization, output);
	}

	private Result run(String url, int connections, Duration duration, String body, String authorization, Path output) {
		List<String> command = new ArrayList<>(
				List.of("wrk", "--threads", Integer.toString(Math.min(connections, this.threads)), "--connections",
						Integer.toString(connections), "--duration", duration.toSeconds() + "s", "--timeout", "10s",
						"--latency", "--script", this.script.toString(), url));
		Map<String, String> environment = new HashMap<>();
		if (body != null) {
			environment.put("WRK_METHOD", "POST");
			environment.put("WRK_BODY", body);
		}
		if (authorization != null) {
			environment.put("WRK_AUTHORIZATION", authorization);
		}
		return parse(Tool.run(command, environment, output, duration.plusSeconds(60)));
	}

	/**
	 * Reads the result that {@code wrk-report.lua} printed.
	 * @param output all that wrk printed
	 * @return the result
	 */
	static Result parse(String output) {
		String line = output.lines()
			.filter((candidate) -> candidate.startsWith(MARKER))
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("wrk printed no result: " + output));
		JsonNode result = json.readTree(line.substring(MARKER.length()));
		JsonNode latency = result.get("latencyMicros");
		JsonNode errors = result.get("errors");
		long errorCount = 0;
		for (String kind : List.of("connect", "read", "write", "status", "timeout")) {
			errorCount += errors.get(kind).asLong();
		}
		double seconds = result.get("durationMicros").asLong() / 1e6;
		long requests = result.get("requests").asLong();
		return new Result(requests, seconds, requests / seconds, errorCount,
				new Latency(millis(latency, "mean"), millis(latency, "p50"), millis(latency, "p90"),
						millis(latency, "p99"), millis(latency, "p999"), millis(latency, "max")));
	}

	private static double millis(JsonNode latency, String field) {
		return latency.get(field).asDouble() / 1e3;
	}

	/**
	 * What one run of wrk measured.
	 *
	 * @param requests how many requests were answered
	 * @param seconds for how long
	 * @param requestsPerSecond the throughput
	 * @param errors failed connections, reads, writes, timeouts and answers with a status
	 * of 400 or more
	 * @param latency the latency of the answered requests
	 */
	record Result(long requests, double seconds, double requestsPerSecond, long errors, Latency latency) {

	}

}
