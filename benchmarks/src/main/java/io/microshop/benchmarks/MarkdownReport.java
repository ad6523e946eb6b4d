package io.microshop.benchmarks;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import io.microshop.localstack.ResidentMemory;

/**
 * {@code report.md}: the figures of a {@link Report}, each beside the limit or target it
 * is measured against, and, given an earlier report, beside its figure there.
 */
final class MarkdownReport {

	static final double GATEWAY_TARGET = 0.75;

	static final double DATABASE_TARGET = 0.25;

	static final double SAGA_P99_TARGET_MILLIS = 50;

	static final double STARTUP_TARGET_SECONDS = 30;

	private final Report report;

	private final Report baseline;

	private final StringBuilder out = new StringBuilder();

	/**
	 * @param report the report
	 * @param baseline an earlier report to compare with, or {@code null}
	 */
	MarkdownReport(Report report, Report baseline) {
		this.report = report;
		this.baseline = baseline;
	}

	String render() {
		line("# Microshop benchmark report");
		line("");
		line("Taken %s on %s.", this.report.takenAt(), this.report.machine().summary());
		line("Versions: %s.", String.join(", ",
				this.report.versions().entrySet().stream().map((e) -> e.getKey() + " " + e.getValue()).toList()));
		line("Each figure is the median of %s runs; every run is in `report.json`, the raw output of each beside it.",
				this.report.settings().get("repeat"));
		line("The load generator (wrk, Gatling, pgbench) runs on the same machine and its CPU time is part of \"other\".");
		WarmUp.Result warmUp = this.report.warmUp();
		if (warmUp != null) {
			line("Before the loads, the JVMs were warmed up by %d rounds of 15 s of orders (%s orders/s)%s.",
					warmUp.ordersPerSecond().size(),
					String.join(", ", warmUp.ordersPerSecond().stream().map((rate) -> "%.0f".formatted(rate)).toList()),
					warmUp.steady() ? ", until the throughput stopped improving" : ", and were still getting faster");
		}
		if (this.baseline != null) {
			line("\"Before\" is the report of %s.", this.baseline.takenAt());
		}
		summary();
		startup();
		memory();
		gateway();
		orders();
		saga();
		frozen();
		profiles();
		return this.out.toString();
	}

	private void summary() {
		line("");
		line("## Against the targets");
		line("");
		List<String> header = new ArrayList<>(List.of("measure", "figure", "measured against", "target", "met"));
		if (this.baseline != null) {
			header.add(2, "before");
		}
		row(header);
		separator(header.size());
		if (this.report.gateway() != null) {
			GatewayOverhead.Result gateway = this.report.gateway();
			summaryRow("Gateway throughput", percent(gateway.throughputRatio()),
					fromBaseline((b) -> (b.gateway() != null) ? percent(b.gateway().throughputRatio()) : null),
					"%s through the gateway / %s direct".formatted(perSecond(gateway.gateway().requestsPerSecond()),
							perSecond(gateway.direct().requestsPerSecond())),
					"≥ " + percent(GATEWAY_TARGET), gateway.throughputRatio() >= GATEWAY_TARGET);
		}
		if (this.report.orders() != null && this.report.database() != null) {
			OrderPlacement.Level best = bestLevel(this.report);
			DatabaseLimit.Level database = this.report.database().at(best.connections());
			double fraction = best.ordersPerSecond() / database.transactionsPerSecond();
			summaryRow("Order placement (best level: %d connections)".formatted(best.connections()), percent(fraction),
					fromBaseline((b) -> {
						if (b.orders() == null || b.database() == null) {
							return null;
						}
						OrderPlacement.Level before = bestLevel(b);
						DatabaseLimit.Level limit = b.database().at(before.connections());
						return (limit != null) ? percent(before.ordersPerSecond() / limit.transactionsPerSecond())
								: null;
					}),
					"%s orders / %s transactions of the database alone".formatted(perSecond(best.ordersPerSecond()),
							perSecond(database.transactionsPerSecond())),
					"≥ " + percent(DATABASE_TARGET), fraction >= DATABASE_TARGET);
		}
		if (this.report.saga() != null) {
			SagaLatency.Rate moderate = this.report.saga().rates().getFirst();
			summaryRow("Saga p99 at %d orders/s".formatted(moderate.ordersPerSecond()), ms(moderate.latency().p99()),
					fromBaseline((b) -> (b.saga() != null) ? ms(b.saga().rates().getFirst().latency().p99()) : null),
					"POST /api/orders to CONFIRMED, open model", "< " + ms(SAGA_P99_TARGET_MILLIS),
					moderate.latency().p99() < SAGA_P99_TARGET_MILLIS);
		}
		if (this.report.startup() != null && this.report.startup().mode("aot") != null) {
			Startup.Mode aot = this.report.startup().mode("aot");
			Startup.Mode plain = this.report.startup().mode("plain");
			summaryRow("Whole stack healthy (AOT cache)", seconds(aot.healthyAfterSeconds()),
					fromBaseline((b) -> (b.startup() != null && b.startup().mode("aot") != null)
							? seconds(b.startup().mode("aot").healthyAfterSeconds()) : null),
					(plain != null) ? "plain JVMs: " + seconds(plain.healthyAfterSeconds()) : "",
					"< " + seconds(STARTUP_TARGET_SECONDS), aot.healthyAfterSeconds() < STARTUP_TARGET_SECONDS);
		}
	}

	private void summaryRow(String measure, String figure, String before, String against, String target, boolean met) {
		List<String> cells = new ArrayList<>(List.of(measure, figure, against, target, met ? "yes" : "**no**"));
		if (this.baseline != null) {
			cells.add(2, (before != null) ? before : "–");
		}
		row(cells);
	}

	private String fromBaseline(Function<Report, String> figure) {
		return (this.baseline != null) ? figure.apply(this.baseline) : null;
	}

	private static OrderPlacement.Level bestLevel(Report report) {
		return report.orders()
			.levels()
			.stream()
			.filter((level) -> report.database().at(level.connections()) != null)
			.max(Comparator.comparingDouble(OrderPlacement.Level::ordersPerSecond))
			.orElseThrow();
	}

	private void startup() {
		Startup.Result startup = this.report.startup();
		if (startup == null) {
			return;
		}
		line("");
		line("## Start-up");
		line("");
		line("`./run-local.sh` with the data of an earlier start, from the launcher's start until the gateway routes to every");
		line("service and each service's Kafka listeners read every partition (\"whole stack\"), and each component from its");
		line("own start until it reported UP, while the others started beside it. Discovery starts after the infrastructure,");
		line("the three services and the gateway together after it.");
		line("");
		line("The CPU columns are the CPU time each process had used by the time the whole stack was healthy.");
		line("");
		Set<String> components = new LinkedHashSet<>();
		startup.modes().forEach((mode) -> components.addAll(mode.readyAfterSeconds().keySet()));
		startup.modes().forEach((mode) -> components.addAll(cpuSeconds(mode).keySet()));
		List<String> header = new ArrayList<>(List.of("component"));
		startup.modes().forEach((mode) -> header.add(modeName(mode)));
		startup.modes().forEach((mode) -> header.add("CPU, " + modeName(mode)));
		row(header);
		separator(header.size());
		List<String> whole = new ArrayList<>(List.of("**whole stack**"));
		startup.modes().forEach((mode) -> whole.add("**" + seconds(mode.healthyAfterSeconds()) + "**"));
		startup.modes()
			.forEach((mode) -> whole
				.add("**" + seconds(cpuSeconds(mode).values().stream().mapToDouble(Double::doubleValue).sum()) + "**"));
		row(whole);
		for (String component : components) {
			List<String> cells = new ArrayList<>(List.of(component));
			startup.modes().forEach((mode) -> {
				Double value = mode.readyAfterSeconds().get(component);
				cells.add((value != null) ? seconds(value) : "–");
			});
			startup.modes().forEach((mode) -> {
				Double value = cpuSeconds(mode).get(component);
				cells.add((value != null) ? seconds(value) : "–");
			});
			row(cells);
		}
		line("");
		startup.modes()
			.forEach((mode) -> line("- %s: %s", mode.mode(), String.join(", ",
					mode.jvm().entrySet().stream().map((e) -> e.getKey() + " " + e.getValue()).toList())));
	}

	private static String modeName(Startup.Mode mode) {
		return mode.mode().equals("aot") ? "AOT cache" : "plain JVM";
	}

	// absent from reports taken before it was measured
	private static Map<String, Double> cpuSeconds(Startup.Mode mode) {
		return (mode.cpuSeconds() != null) ? mode.cpuSeconds() : Map.of();
	}

	private void memory() {
		Report.Memory memory = this.report.memory();
		if (memory == null) {
			return;
		}
		line("");
		line("## Memory");
		line("");
		line("Proportional set size (shared pages counted once, split among the processes that share them), idle after");
		line("start-up and the largest seen while the loads ran. PostgreSQL counts with its backends.");
		line("");
		row(List.of("process", "idle", "peak under load"));
		separator(3);
		long idleTotal = 0;
		long peakTotal = 0;
		for (String process : memory.idle().keySet()) {
			long idle = memory.idle().get(process);
			long peak = memory.peakUnderLoad().getOrDefault(process, 0L);
			idleTotal += idle;
			peakTotal += peak;
			row(List.of(process, ResidentMemory.format(idle), (peak > 0) ? ResidentMemory.format(peak) : "–"));
		}
		row(List.of("**all**", "**" + ResidentMemory.format(idleTotal) + "**",
				"**" + ResidentMemory.format(peakTotal) + "**"));
	}

	private void gateway() {
		GatewayOverhead.Result gateway = this.report.gateway();
		if (gateway == null) {
			return;
		}
		line("");
		line("## 1. Gateway overhead");
		line("");
		line("`GET /api/products/{sku}` with wrk, %d connections, %d s a run, direct and through the gateway alternately.",
				gateway.connections(), gateway.durationSeconds());
		line("");
		row(List.of("path", "requests/s", "p50", "p99", "p99.9", "errors"));
		separator(6);
		for (Map.Entry<String, GatewayOverhead.Figures> path : Map
			.of("direct to inventory-service", gateway.direct(), "through the gateway", gateway.gateway())
			.entrySet()
			.stream()
			.sorted(Map.Entry.comparingByKey())
			.toList()) {
			GatewayOverhead.Figures figures = path.getValue();
			row(List.of(path.getKey(), perSecond(figures.requestsPerSecond()), ms(figures.latency().p50()),
					ms(figures.latency().p99()), ms(figures.latency().p999()), Long.toString(figures.errors())));
		}
		line("");
		line("Throughput through the gateway: **%s** of direct.", percent(gateway.throughputRatio()));
		line("");
		line("Where the time goes: CPU milliseconds per request, by process.");
		line("");
		cpuTable(Map.of("direct", gateway.direct().cpuMillisPerRequest(), "through the gateway",
				gateway.gateway().cpuMillisPerRequest()), List.of("direct", "through the gateway"));
	}

	private void orders() {
		OrderPlacement.Result orders = this.report.orders();
		if (orders == null) {
			return;
		}
		line("");
		line("## 2. Order placement, and 4. the database's own limit");
		line("");
		line("`POST /api/orders` (one line) through the gateway with wrk, %d s a run; each order also runs the whole saga",
				orders.durationSeconds());
		line("alongside. \"Saga done\" is how long after the load ended the machine was quiet again (less than a fifth of a");
		line("core busy for a second). The database's limit is pgbench running the same writes (the order, its line and its");
		line("event in one transaction) on as many connections against the same PostgreSQL, with the services idle.");
		line("");
		row(List.of("connections", "orders/s", "p50", "p99", "p99.9", "errors", "saga done", "database alone (tx/s)",
				"fraction of the database"));
		separator(9);
		for (OrderPlacement.Level level : orders.levels()) {
			DatabaseLimit.Level database = (this.report.database() != null)
					? this.report.database().at(level.connections()) : null;
			row(List.of(Integer.toString(level.connections()), perSecond(level.ordersPerSecond()),
					ms(level.latency().p50()), ms(level.latency().p99()), ms(level.latency().p999()),
					Long.toString(level.errors()), sagaDone(level.sagaTailSeconds()),
					(database != null) ? perSecond(database.transactionsPerSecond()) : "–",
					(database != null) ? percent(level.ordersPerSecond() / database.transactionsPerSecond()) : "–"));
		}
		line("");
		line("Where the time goes: CPU milliseconds per order, by process, from the load's start until the machine was quiet again.");
		line("");
		Map<String, Map<String, Double>> columns = new java.util.LinkedHashMap<>();
		orders.levels()
			.forEach((level) -> columns.put(level.connections() + " connections", level.cpuMillisPerOrder()));
		cpuTable(columns, List.copyOf(columns.keySet()));
	}

	// the suite waits for the saga only so long (BenchmarkSuite.QUIET_TIMEOUT)
	private static String sagaDone(Double seconds) {
		if (seconds == null) {
			return "–";
		}
		long timeout = BenchmarkSuite.QUIET_TIMEOUT.toSeconds();
		return (seconds >= timeout) ? "not within %d s".formatted(timeout) : "%.1f s later".formatted(seconds);
	}

	private void saga() {
		SagaLatency.Result saga = this.report.saga();
		if (saga == null) {
			return;
		}
		line("");
		line("## 3. Saga latency");
		line("");
		line("From sending `POST /api/orders` to order-service confirming the order (its `updatedAt`), orders arriving at a");
		line("fixed mean rate at random intervals (Gatling, open model), %d s a run. Gatling's HTML reports are under `gatling/`.",
				saga.durationSeconds());
		line("");
		row(List.of("orders/s", "orders", "p50", "p90", "p99", "max", "failed", "not confirmed"));
		separator(8);
		for (SagaLatency.Rate rate : saga.rates()) {
			row(List.of(Integer.toString(rate.ordersPerSecond()), Long.toString(rate.orders()),
					ms(rate.latency().p50()), ms(rate.latency().p90()), ms(rate.latency().p99()),
					ms(rate.latency().max()), Long.toString(rate.failed()), Long.toString(rate.notConfirmed())));
		}
	}

	private void frozen() {
		FrozenInstance.Result frozen = this.report.frozen();
		if (frozen == null) {
			return;
		}
		line("");
		line("## 5. A frozen instance");
		line("");
		line("Two inventory-service instances; %d clients, each timing every request it sends and sending the next "
				+ "as soon as it is answered, %d s a load: reads through the gateway "
				+ "(`GET /api/products/{sku}`), then orders (`POST /api/orders`, each priced in inventory-service), "
				+ "with both instances answering, then with the second one stopped by SIGSTOP for both loads "
				+ "(it accepts connections and answers nothing). One run of each.", frozen.connections(),
				frozen.durationSeconds());
		line("");
		row(List.of("", "requests/s", "p50", "p99", "p99.9", "max", "errors"));
		separator(7);
		frozenRow("reads, both answering", frozen.answering().reads());
		frozenRow("reads, one frozen", frozen.oneFrozen().reads());
		frozenRow("orders, both answering", frozen.answering().orders());
		frozenRow("orders, one frozen", frozen.oneFrozen().orders());
		line("");
		line("Errors are failed connections, timeouts and answers of 400 or more. With one frozen, a call that "
				+ "meets it waits out its timeout once (a read 1 s, a price lookup 500 ms) and is retried on the "
				+ "other instance; the instance is then left out, and probed once every 5 s.");
	}

	private void frozenRow(String load, Wrk.Result result) {
		row(List.of(load, perSecond(result.requestsPerSecond()), ms(result.latency().p50()), ms(result.latency().p99()),
				ms(result.latency().p999()), ms(result.latency().max()), Long.toString(result.errors())));
	}

	private void profiles() {
		Map<String, Map<String, Profiles.Profile>> profiles = this.report.profiles();
		if (profiles == null) {
			return;
		}
		line("");
		line("## Where the time goes, by library");
		line("");
		line("JDK Flight Recorder's method samples of each JVM during one more run of a load, each sample charged to the");
		line("innermost frame that is not the JDK's own; the recordings (`*.jfr`) are beside the report, and the most");
		line("sampled methods in `report.json`.");
		Map<String, String> loads = Map.of("gateway", "Reads through the gateway", "orders",
				"Order placement, 16 connections");
		profiles.forEach((load, byProcess) -> {
			line("");
			line("**%s**", loads.getOrDefault(load, load));
			line("");
			byProcess.forEach((process, profile) -> {
				if (profile.samples() > 0) {
					line("- %s (%d samples): %s", process, profile.samples(),
							String.join(", ",
									profile.libraries()
										.stream()
										.filter((share) -> share.fraction() >= 0.02)
										.map((share) -> share.name() + " " + percent(share.fraction()))
										.toList()));
				}
			});
		});
	}

	private void cpuTable(Map<String, Map<String, Double>> columns, List<String> order) {
		Set<String> processes = new LinkedHashSet<>();
		order.forEach((column) -> processes.addAll(columns.get(column).keySet()));
		List<String> header = new ArrayList<>(List.of("process"));
		header.addAll(order);
		row(header);
		separator(header.size());
		for (String process : processes) {
			List<String> cells = new ArrayList<>(List.of(process));
			order.forEach((column) -> cells.add(cpu(columns.get(column).get(process))));
			row(cells);
		}
		List<String> total = new ArrayList<>(List.of("**all**"));
		order.forEach((column) -> total
			.add("**" + cpu(columns.get(column).values().stream().mapToDouble(Double::doubleValue).sum()) + "**"));
		row(total);
	}

	private static String cpu(Double millis) {
		return (millis != null) ? String.format(Locale.ROOT, "%.3f", millis) : "–";
	}

	private static String percent(double fraction) {
		return String.format(Locale.ROOT, "%.0f %%", fraction * 100);
	}

	private static String perSecond(double value) {
		return String.format(Locale.ROOT, "%,.0f/s", value);
	}

	private static String ms(double millis) {
		return String.format(Locale.ROOT, (millis < 10) ? "%.2f ms" : "%.1f ms", millis);
	}

	private static String seconds(double seconds) {
		return String.format(Locale.ROOT, "%.1f s", seconds);
	}

	private void row(List<String> cells) {
		line("| " + String.join(" | ", cells) + " |");
	}

	private void separator(int columns) {
		line("|" + "---|".repeat(columns));
	}

	// a line without arguments is taken as it is: table cells hold "%"
	private void line(String format, Object... arguments) {
		this.out.append((arguments.length > 0) ? String.format(Locale.ROOT, format, arguments) : format).append('\n');
	}

}
