package io.microshop.benchmarks;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class ReportTests {

	private static final Latency LATENCY = new Latency(10, 8, 15, 30, 45, 60);

	@Test
	void aReportReadsBackAsItWasWritten(@TempDir Path directory) throws IOException {
		Report report = report(0.5, 120, 1000, 20, 40);
		Path file = directory.resolve("report.json");

		report.write(file);

		assertThat(Report.read(file)).isEqualTo(report);
	}

	@Test
	void eachFigureStandsBesideItsLimitAndTarget() {
		String markdown = new MarkdownReport(report(0.8, 120, 1000, 20, 40), null).render();

		assertThat(markdown)
			.contains("| Gateway throughput | 80 % | 4,000/s through the gateway / 5,000/s direct | ≥ 75 % | yes |")
			.contains(
					"| Order placement (best level: 16 connections) | 12 % | 120/s orders / 1,000/s transactions of the database alone | ≥ 25 % | **no** |")
			.contains(
					"| Saga p99 at 20 orders/s | 30.0 ms | POST /api/orders to CONFIRMED, open model | < 50.0 ms | yes |")
			.contains("| Whole stack healthy (AOT cache) | 20.0 s | plain JVMs: 40.0 s | < 30.0 s | yes |")
			.contains("| 16 | 120/s | 8.00 ms | 30.0 ms | 45.0 ms | 0 | 1.5 s later | 1,000/s | 12 % |");
	}

	@Test
	void aMissedTargetIsAFigureNotAnExplanation() {
		String markdown = new MarkdownReport(report(0.5, 120, 1000, 40, 60), null).render();

		assertThat(markdown).contains("| Gateway throughput | 50 % |")
			.contains("| Whole stack healthy (AOT cache) | 40.0 s | plain JVMs: 60.0 s | < 30.0 s | **no** |")
			.doesNotContain("Missed targets")
			.doesNotContain("cannot");
	}

	@Test
	void anEarlierReportIsShownAsBefore() {
		Report before = report(0.4, 60, 1000, 50, 90);

		String markdown = new MarkdownReport(report(0.8, 120, 1000, 20, 40), before).render();

		assertThat(markdown).contains("| measure | figure | before | measured against | target | met |")
			.contains("| Gateway throughput | 80 % | 40 % |")
			.contains("| Order placement (best level: 16 connections) | 12 % | 6 % |")
			.contains("| Whole stack healthy (AOT cache) | 20.0 s | 50.0 s |");
	}

	@Test
	void aFrozenInstanceIsReportedWithItsWorstRequestAndErrors() {
		String markdown = new MarkdownReport(report(0.8, 120, 1000, 20, 40), null).render();

		assertThat(markdown).contains("## 5. A frozen instance")
			.contains("| reads, one frozen | 1,950/s | 3.00 ms | 8.00 ms | 12.0 ms | 1046.0 ms | 0 |");
	}

	@Test
	void measuresThatDidNotRunAreLeftOut() {
		Report report = report(0.8, 120, 1000, 20, 40);
		Report startupOnly = new Report(report.takenAt(), report.machine(), report.versions(), report.settings(),
				report.startup(), null, null, null, null, null, null, null, null);

		String markdown = new MarkdownReport(startupOnly, null).render();

		assertThat(markdown).contains("## Start-up").doesNotContain("Gateway").doesNotContain("## Memory");
	}

	@Test
	void aSagaStillRunningWhenTheSuiteStopsWaitingIsNotGivenATime() {
		String markdown = new MarkdownReport(
				report(0.8, 120, 1000, 20, 40, (double) BenchmarkSuite.QUIET_TIMEOUT.toSeconds()), null)
			.render();

		assertThat(markdown)
			.contains("| 16 | 120/s | 8.00 ms | 30.0 ms | 45.0 ms | 0 | not within 60 s | 1,000/s | 12 % |");
	}

	private static Report report(double gatewayRatio, double ordersPerSecond, double databaseTps, double aotStartup,
			double plainStartup) {
		return report(gatewayRatio, ordersPerSecond, databaseTps, aotStartup, plainStartup, 1.5);
	}

	private static Report report(double gatewayRatio, double ordersPerSecond, double databaseTps, double aotStartup,
			double plainStartup, Double sagaTailSeconds) {
		Map<String, Double> cpu = new LinkedHashMap<>(Map.of("gateway-service", 0.2));
		GatewayOverhead.Figures direct = new GatewayOverhead.Figures(5000, LATENCY, 0, cpu);
		GatewayOverhead.Figures gateway = new GatewayOverhead.Figures(5000 * gatewayRatio, LATENCY, 0, cpu);
		OrderPlacement.Level level = new OrderPlacement.Level(16, ordersPerSecond, LATENCY, 0, sagaTailSeconds, cpu,
				List.of());
		DatabaseLimit.Level database = new DatabaseLimit.Level(16, databaseTps, 4.0, 0, List.of());
		SagaLatency.Rate rate = new SagaLatency.Rate(20, LATENCY, 600, 0, 0, List.of());
		Startup.Mode plain = new Startup.Mode("plain", plainStartup, Map.of("order-service", 30.0),
				Map.of("order-service", 20.0), Map.of("aotCache", "none"), List.of());
		Startup.Mode aot = new Startup.Mode("aot", aotStartup, Map.of("order-service", 15.0),
				Map.of("order-service", 12.0), Map.of("aotCache", "AOT cache"), List.of());
		return new Report("2026-12-01T00:00:00Z",
				new Machine("AMD EPYC", 2, 24L << 30, "Debian GNU/Linux 12", "6.1", "JDK 25"), Map.of("JDK", "25"),
				Map.of("repeat", 3), new Startup.Result(List.of(plain, aot)),
				new WarmUp.Result(List.of(100.0, 200.0, 205.0, 204.0), true),
				new Report.Memory(Map.of("order-service", 300L << 20), Map.of("order-service", 400L << 20)),
				new GatewayOverhead.Result(32, 20, direct, gateway, gatewayRatio, List.of()),
				new OrderPlacement.Result(20, List.of(level)), new DatabaseLimit.Result("18.1", 20, List.of(database)),
				new SagaLatency.Result(30, List.of(rate)), null,
				new FrozenInstance.Result(8, 20,
						new FrozenInstance.Phase(new Wrk.Result(40000, 20, 2000, 0, LATENCY),
								new Wrk.Result(4000, 20, 200, 0, LATENCY)),
						new FrozenInstance.Phase(new Wrk.Result(39000, 20, 1950, 0, new Latency(4, 3, 5, 8, 12, 1046)),
								new Wrk.Result(3900, 20, 195, 0, new Latency(40, 30, 50, 80, 120, 560)))));
	}

}
