package io.microshop.testsupport;

import java.util.List;
import java.util.regex.Pattern;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * What a service's Kafka listeners did, as its metrics and log tell: how many deliveries
 * succeeded or failed (Spring Kafka's {@code spring.kafka.listener} timers; a retry is
 * one more failed delivery), and which lines of a log are warnings or errors. The
 * dead-letter store's own listener (messaging-support) is not counted.
 */
public final class ListenerDeliveries {

	private static final Pattern WARNING_OR_ERROR = Pattern.compile("^\\S+\\s+(WARN|ERROR)\\s");

	private final MeterRegistry meters;

	/**
	 * Reads the listeners' metrics from a service's registry.
	 * @param meters the service's meter registry
	 */
	public ListenerDeliveries(MeterRegistry meters) {
		this.meters = meters;
	}

	/**
	 * The deliveries the listeners handled without an exception so far.
	 * @return their count
	 */
	public long succeeded() {
		return count(true);
	}

	/**
	 * The deliveries that ended in an exception so far: each attempt of a record that is
	 * retried or dead-lettered.
	 * @return their count
	 */
	public long failed() {
		return count(false);
	}

	// A listener container that is observed (the services' are: their spans continue the
	// records' traces) times each delivery with its observation, tagged with the error or
	// "none"; one that is not, with a timer of its own, tagged with the result
	private long count(boolean succeeded) {
		return this.meters.find("spring.kafka.listener")
			.timers()
			.stream()
			.filter((timer) -> !listener(timer).startsWith("dead-letter-store"))
			.filter((timer) -> succeeded == succeeded(timer))
			.mapToLong(Timer::count)
			.sum();
	}

	private static boolean succeeded(Timer timer) {
		String result = timer.getId().getTag("result");
		return (result != null) ? "success".equals(result) : "none".equals(timer.getId().getTag("error"));
	}

	private static String listener(Timer timer) {
		String id = timer.getId().getTag("spring.kafka.listener.id");
		return String.valueOf((id != null) ? id : timer.getId().getTag("name"));
	}

	/**
	 * The lines of a console log (Spring Boot's default format) logged at WARN or ERROR.
	 * @param log the log, e.g. what {@code CapturedOutput} captured while a record was
	 * handled
	 * @return those lines
	 */
	public static List<String> warningsAndErrors(String log) {
		return log.lines().filter(WARNING_OR_ERROR.asPredicate()).toList();
	}

}
