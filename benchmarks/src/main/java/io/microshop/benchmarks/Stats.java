package io.microshop.benchmarks;

import java.util.Collection;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The statistics of the report: the median of repeated runs and the percentiles of a set
 * of latencies.
 */
final class Stats {

	private Stats() {
	}

	/**
	 * The median of some runs' figure: the middle one, or the mean of the two middle
	 * ones.
	 * @param <T> the runs' type
	 * @param runs the runs
	 * @param figure the figure of one run
	 * @return the median, or NaN without runs
	 */
	static <T> double median(Collection<T> runs, ToDoubleFunction<T> figure) {
		double[] values = runs.stream().mapToDouble(figure).sorted().toArray();
		if (values.length == 0) {
			return Double.NaN;
		}
		int middle = values.length / 2;
		return (values.length % 2 == 1) ? values[middle] : (values[middle - 1] + values[middle]) / 2;
	}

	/**
	 * A percentile by the nearest-rank method: the smallest value that at least
	 * {@code percent} % of the values do not exceed.
	 * @param sorted the values, in ascending order
	 * @param percent from 0 (exclusive) to 100
	 * @return the percentile, or NaN without values
	 */
	static double percentile(List<Double> sorted, double percent) {
		if (sorted.isEmpty()) {
			return Double.NaN;
		}
		int rank = (int) Math.ceil(percent / 100 * sorted.size());
		return sorted.get(Math.clamp(rank - 1, 0, sorted.size() - 1));
	}

}
