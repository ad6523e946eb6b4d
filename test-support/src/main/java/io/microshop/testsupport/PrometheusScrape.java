package io.microshop.testsupport;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * What {@code /actuator/prometheus} answered, read as Prometheus reads it: each series,
 * as it is written ({@code name{label="value",...}}), with its value. For tests that
 * check what a dashboard or an alert will see, by the exported names.
 *
 * @param samples every series with its value, in the order written
 */
public record PrometheusScrape(Map<String, Double> samples) {

	/**
	 * Reads the text exposition format.
	 * @param text what the endpoint answered
	 * @return its samples
	 */
	public static PrometheusScrape parse(String text) {
		Map<String, Double> samples = new LinkedHashMap<>();
		text.lines().filter((line) -> !line.isBlank() && !line.startsWith("#")).forEach((line) -> {
			int space = line.lastIndexOf(' ');
			samples.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
		});
		return new PrometheusScrape(Map.copyOf(samples));
	}

	/**
	 * The value of one series.
	 * @param series as written, e.g. {@code microshop_orders_rejected_total{reason="X"}}
	 * @return its value, 0 if it is not there
	 */
	public double value(String series) {
		return this.samples.getOrDefault(series, 0.0);
	}

	/**
	 * How much a series grew since an earlier scrape.
	 * @param before the earlier scrape
	 * @param series the series, as written
	 * @return the increase
	 */
	public double increase(PrometheusScrape before, String series) {
		return value(series) - before.value(series);
	}

	/**
	 * Every series scraped.
	 * @return the series, as written
	 */
	public Set<String> series() {
		return this.samples.keySet();
	}

}
