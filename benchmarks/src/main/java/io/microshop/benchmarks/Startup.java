package io.microshop.benchmarks;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How long the stack takes to start, as a user starts it ({@code ./run-local.sh}, data
 * kept from before), with plain JVMs and with the JDK's ahead-of-time cache: until the
 * whole stack is healthy (the gateway routes to every service, the Kafka listeners read
 * every partition), and each component from its own start until it reported UP, while the
 * others start beside it.
 */
final class Startup {

	static final Duration START_TIMEOUT = Duration.ofMinutes(6);

	private Startup() {
	}

	static Result measure(Settings settings, Path output) {
		List<Mode> modes = new ArrayList<>();
		for (String mode : List.of("plain", "aot")) {
			List<String> arguments = mode.equals("plain") ? List.of("--quiet", "--no-aot") : List.of("--quiet");
			// not counted: the first start makes the caches, and the very first one the
			// data
			List<String> warmUp = new ArrayList<>(arguments);
			if (modes.isEmpty()) {
				warmUp.add("--reset");
			}
			start(settings, warmUp, output.resolve("startup-%s-warmup.log".formatted(mode)));
			List<StackRun.Status> runs = new ArrayList<>();
			List<Map<String, Double>> cpu = new ArrayList<>();
			for (int run = 1; run <= settings.repeat(); run++) {
				Started started = start(settings, arguments, output.resolve("startup-%s-%d.log".formatted(mode, run)));
				StackRun.Status status = started.status();
				runs.add(status);
				cpu.add(started.cpuSeconds());
				BenchmarkSuite.progress("start-up (%s) %d/%d: healthy after %.1f s", mode, run, settings.repeat(),
						status.upAfterSeconds());
			}
			modes.add(new Mode(mode, Stats.median(runs, StackRun.Status::upAfterSeconds),
					BenchmarkSuite.medianByKey(runs.stream().map(StackRun.Status::readyAfterSeconds).toList()),
					BenchmarkSuite.medianByKey(cpu), runs.getFirst().jvm(), runs));
		}
		return new Result(modes);
	}

	private static Started start(Settings settings, List<String> arguments, Path console) {
		Quiet.await(BenchmarkSuite.QUIET_TIMEOUT);
		try (StackRun stack = StackRun.start(settings.root(), arguments, console, START_TIMEOUT)) {
			StackRun.Status status = stack.status();
			return new Started(status, new Processes(status.processes()).cpuSeconds());
		}
	}

	/**
	 * One start: its status, and the CPU time each process had used once the stack was
	 * healthy.
	 */
	private record Started(StackRun.Status status, Map<String, Double> cpuSeconds) {

	}

	/**
	 * The start-ups of one mode.
	 *
	 * @param mode {@code plain} or {@code aot}
	 * @param healthyAfterSeconds the median time until the stack was healthy
	 * @param readyAfterSeconds the median time each component took
	 * @param cpuSeconds the median CPU time each process had used once the stack was
	 * healthy (the launcher's includes the SMTP sink's)
	 * @param jvm how the JVMs ran
	 * @param runs every start
	 */
	record Mode(String mode, double healthyAfterSeconds, Map<String, Double> readyAfterSeconds,
			Map<String, Double> cpuSeconds, Map<String, String> jvm, List<StackRun.Status> runs) {

	}

	/**
	 * Start-up in both modes.
	 *
	 * @param modes plain first
	 */
	record Result(List<Mode> modes) {

		Mode mode(String name) {
			return this.modes.stream().filter((mode) -> mode.mode().equals(name)).findFirst().orElse(null);
		}

	}

}
