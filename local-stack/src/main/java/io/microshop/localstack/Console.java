package io.microshop.localstack;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The local stack's console: one stream of every component's output, each line prefixed
 * with the component's name as {@code docker compose up} does, and the stack's own lines
 * of progress. In quiet mode only warnings, errors (with their stack traces), mail and
 * progress are shown; the log files always have everything.
 */
final class Console implements Output, Progress {

	static final String SELF = "local-stack";

	private static final Pattern PROBLEM = Pattern.compile("\\b(WARN|WARNING|ERROR|FATAL)\\b");

	// a log record starts with its timestamp (Spring Boot's "2026-…", Kafka's "[2026-…");
	// the lines in between (a stack trace) belong to the record before
	private static final Pattern RECORD_START = Pattern.compile("^\\[?\\d{4}-\\d{2}-\\d{2}.*");

	private final PrintStream out;

	private final boolean quiet;

	private final long startedAt = System.nanoTime();

	private final Map<String, Boolean> inProblem = new ConcurrentHashMap<>();

	Console(PrintStream out, boolean quiet) {
		this.out = out;
		this.quiet = quiet;
	}

	@Override
	public void line(String component, String line) {
		if (!this.quiet || shows(component, line)) {
			print(component, line);
		}
	}

	private boolean shows(String component, String line) {
		if (component.equals("smtp-sink")) {
			return true;
		}
		if (!RECORD_START.matcher(line).matches()) {
			return this.inProblem.getOrDefault(component, false);
		}
		boolean problem = PROBLEM.matcher(line).find();
		this.inProblem.put(component, problem);
		return problem;
	}

	@Override
	public void ready(String component, String address, Duration took) {
		print(SELF, "[%6.1fs] %-22s ready  %-32s (%.1fs)".formatted(elapsedSeconds(), component, address,
				took.toMillis() / 1e3));
	}

	@Override
	public void note(String component, String message) {
		print(SELF, "[%6.1fs] %-22s %s".formatted(elapsedSeconds(), component, message));
	}

	double elapsedSeconds() {
		return (System.nanoTime() - this.startedAt) / 1e9;
	}

	private void print(String component, String line) {
		this.out.println("%-22s | %s".formatted(component, line));
	}

	/**
	 * A line of the stack's own, without a component prefix: the start-up summary.
	 * @param text the text
	 */
	void plain(String text) {
		this.out.println(text);
	}

}
