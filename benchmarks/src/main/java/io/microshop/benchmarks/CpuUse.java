package io.microshop.benchmarks;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Where the CPU time of a load went: how much each process of the stack used, and the
 * machine in all, all cores together. What the stack's processes did not use is "other":
 * the load generator itself, and the kernel's network work that is not charged to a
 * process.
 *
 * @param seconds CPU seconds by process
 * @param machineSeconds the machine's busy CPU seconds
 */
record CpuUse(Map<String, Double> seconds, double machineSeconds) {

	static final String OTHER = "other";

	/**
	 * Runs a load and measures the CPU time it took.
	 * @param <T> the load's result
	 * @param processes the stack's processes
	 * @param load the load
	 * @return its result with its CPU use
	 */
	static <T> Measured<T> during(Processes processes, Supplier<T> load) {
		Map<String, Double> before = processes.cpuSeconds();
		double machineBefore = Processes.machineBusySeconds();
		T result = load.get();
		Map<String, Double> after = processes.cpuSeconds();
		double machine = Processes.machineBusySeconds() - machineBefore;
		return new Measured<>(result, new CpuUse(Processes.difference(before, after), machine));
	}

	/**
	 * The CPU time per request of each process, and of the rest of the machine.
	 * @param requests how many requests the load made
	 * @return milliseconds per request by process, and {@link #OTHER}
	 */
	Map<String, Double> millisPerRequest(long requests) {
		Map<String, Double> perRequest = new LinkedHashMap<>();
		double accounted = 0;
		for (Map.Entry<String, Double> process : this.seconds.entrySet()) {
			accounted += process.getValue();
			perRequest.put(process.getKey(), process.getValue() * 1e3 / requests);
		}
		perRequest.put(OTHER, Math.max(0, this.machineSeconds - accounted) * 1e3 / requests);
		return perRequest;
	}

	/**
	 * A load's result with its CPU use.
	 *
	 * @param <T> the result's type
	 * @param result the result
	 * @param cpu the CPU use
	 */
	record Measured<T>(T result, CpuUse cpu) {

	}

}
