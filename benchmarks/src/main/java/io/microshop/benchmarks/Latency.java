package io.microshop.benchmarks;

import java.util.Collection;
import java.util.List;

/**
 * The latency of one run, in milliseconds.
 *
 * @param mean the mean
 * @param p50 the median
 * @param p90 the 90th percentile
 * @param p99 the 99th percentile
 * @param p999 the 99.9th percentile
 * @param max the largest
 */
record Latency(double mean, double p50, double p90, double p99, double p999, double max) {

	/**
	 * The latency of a set of measured durations.
	 * @param millis the durations, in milliseconds, in any order
	 * @return their latency
	 */
	static Latency of(Collection<Double> millis) {
		List<Double> sorted = millis.stream().sorted().toList();
		double mean = sorted.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
		return new Latency(mean, Stats.percentile(sorted, 50), Stats.percentile(sorted, 90),
				Stats.percentile(sorted, 99), Stats.percentile(sorted, 99.9),
				sorted.isEmpty() ? Double.NaN : sorted.getLast());
	}

	/**
	 * The median of each figure over repeated runs.
	 * @param runs the runs' latencies
	 * @return the medians
	 */
	static Latency median(Collection<Latency> runs) {
		return new Latency(Stats.median(runs, Latency::mean), Stats.median(runs, Latency::p50),
				Stats.median(runs, Latency::p90), Stats.median(runs, Latency::p99), Stats.median(runs, Latency::p999),
				Stats.median(runs, Latency::max));
	}

}
