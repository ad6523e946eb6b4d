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
		return count("success");
	}

	/**
	 * The deliveries that ended in an exception so far: each attempt of a record that is
	 * retried or dead-lettered.
	 * @return their count
	 */
	public long failed() {
		return count("failure");
	}

	private long count(String result) {
		return this.meters.find("spring.kafka.listener")
			.tag("result", result)
			.timers()
			.stream()
			.filter((timer) -> !String.valueOf(timer.getId().getTag("name")).startsWith("dead-letter-store"))
			.mapToLong(Timer::count)
			.sum();
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
