package io.microshop.benchmarks;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StatsTests {

	@Test
	void theMedianOfAnOddNumberOfRunsIsTheMiddleOne() {
		assertThat(Stats.median(List.of(30.0, 10.0, 20.0), Double::doubleValue)).isEqualTo(20.0);
	}

	@Test
	void theMedianOfAnEvenNumberOfRunsIsTheMeanOfTheMiddleTwo() {
		assertThat(Stats.median(List.of(40.0, 10.0, 30.0, 20.0), Double::doubleValue)).isEqualTo(25.0);
	}

	@Test
	void noRunsHaveNoMedian() {
		assertThat(Stats.median(List.<Double>of(), Double::doubleValue)).isNaN();
	}

	@Test
	void aPercentileIsTheSmallestValueThatEnoughValuesDoNotExceed() {
		List<Double> hundred = java.util.stream.IntStream.rangeClosed(1, 100).mapToObj((i) -> (double) i).toList();

		assertThat(Stats.percentile(hundred, 50)).isEqualTo(50.0);
		assertThat(Stats.percentile(hundred, 99)).isEqualTo(99.0);
		assertThat(Stats.percentile(hundred, 99.9)).isEqualTo(100.0);
		assertThat(Stats.percentile(List.of(7.0), 99.9)).isEqualTo(7.0);
	}

	@Test
	void theLatencyOfMeasuredDurationsHasItsPercentilesAndItsLargest() {
		Latency latency = Latency.of(List.of(5.0, 1.0, 3.0, 2.0, 4.0));

		assertThat(latency.mean()).isEqualTo(3.0);
		assertThat(latency.p50()).isEqualTo(3.0);
		assertThat(latency.p99()).isEqualTo(5.0);
		assertThat(latency.max()).isEqualTo(5.0);
	}

	@Test
	void eachFigureOfRepeatedRunsHasItsOwnMedian() {
		Latency median = Latency.median(
				List.of(new Latency(1, 2, 3, 4, 5, 6), new Latency(3, 1, 9, 8, 7, 6), new Latency(2, 3, 6, 5, 4, 9)));

		assertThat(median).isEqualTo(new Latency(2, 2, 6, 5, 5, 6));
	}

	@Test
	void medianByKeyTakesEachKeysMedianOverTheRunsThatHaveIt() {
		assertThat(BenchmarkSuite.medianByKey(List.of(java.util.Map.of("a", 1.0, "b", 10.0), java.util.Map.of("a", 3.0),
				java.util.Map.of("a", 2.0, "b", 20.0))))
			.containsEntry("a", 2.0)
			.containsEntry("b", 15.0);
	}

}
