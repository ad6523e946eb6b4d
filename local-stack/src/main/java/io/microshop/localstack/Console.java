package io.microshop.localstack;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The local stack's console: one stream of the components' output, each line prefixed
 * with the component's name as {@code docker compose up} does, and the stack's own lines
 * of progress. How much of the output it shows is its {@link Detail}; the log files
 * always have everything.
 */
final class Console implements Output, Progress {

	/**
	 * How much of the components' output the console shows. Progress is always shown.
	 */
	enum Detail {

		/** Warnings and errors with their stack traces, and mail. */
		QUIET,

		/**
		 * What {@link #QUIET} shows, and one line for each thing the shop does, from the
		 * services' journals (an order placed, its stock reserved or refused, the order
		 * confirmed, rejected or cancelled) and the SMTP sink (a mail sent), cut down to
		 * its time, its message and its trace id. The default.
		 */
		EVENTS,

		/** Every line of every component. */
		VERBOSE

	}

	static final String SELF = "local-stack";

	private static final Pattern PROBLEM = Pattern.compile("\\b(WARN|WARNING|ERROR|FATAL)\\b");

	// a record of a journal, a logger named <Something>Journal that writes one line for
	// each
	// business event, in Spring Boot's console pattern: its time, the trace id of the
	// [trace-span] field (blank outside a trace), the logger's name and " : " before the
	// message
	private static final Pattern JOURNAL_RECORD = Pattern
		.compile("^\\d{4}-\\d{2}-\\d{2}T(?<time>\\d{2}:\\d{2}:\\d{2})\\S*\\s.*?"
				+ "(?:\\[(?<trace>[0-9a-f]{32})-[0-9a-f]{16}\\]\\s.*?)?\\S*Journal +: (?<message>.*)$");

	// a log record starts with its timestamp (Spring Boot's "2026-…", Kafka's "[2026-…");
	// the lines in between (a stack trace) belong to the record before
	private static final Pattern RECORD_START = Pattern.compile("^\\[?\\d{4}-\\d{2}-\\d{2}.*");

	private final PrintStream out;

	private final Detail detail;

	private final long startedAt = System.nanoTime();

	private final Map<String, Boolean> inProblem = new ConcurrentHashMap<>();

	Console(PrintStream out, Detail detail) {
		this.out = out;
		this.detail = detail;
	}

	@Override
	public void line(String component, String line) {
		String shown = (this.detail == Detail.VERBOSE) ? line : showing(component, line);
		if (shown != null) {
			print(component, shown);
		}
	}

	/**
	 * The line as this console shows it, or {@code null} if it does not show it: a
	 * problem as it is, a journal's record cut down to its time, its message and its
	 * trace id.
	 */
	private String showing(String component, String line) {
		if (component.equals("smtp-sink")) {
			return line;
		}
		if (!RECORD_START.matcher(line).matches()) {
			return this.inProblem.getOrDefault(component, false) ? line : null;
		}
		boolean problem = PROBLEM.matcher(line).find();
		this.inProblem.put(component, problem);
		if (problem) {
			return line;
		}
		if (this.detail == Detail.EVENTS) {
			Matcher journal = JOURNAL_RECORD.matcher(line);
			if (journal.matches()) {
				return journal.group("time") + "  " + journal.group("message")
						+ ((journal.group("trace") != null) ? "  [trace " + journal.group("trace") + "]" : "");
			}
		}
		return null;
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
