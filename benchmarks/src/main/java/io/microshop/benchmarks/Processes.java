package io.microshop.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.microshop.localstack.ResidentMemory;

/**
 * The processes of the local stack, as {@code stack.json} names them, and what they use:
 * CPU time and memory, read from {@code /proc} (Linux only). A process counts with its
 * children (PostgreSQL's backends), except the launcher, whose children are the stack.
 */
final class Processes {

	/**
	 * The launcher's name in {@code stack.json}: its children are the other processes.
	 */
	static final String LAUNCHER = "local-stack";

	// USER_HZ, the unit of the CPU times in /proc/<pid>/stat: 100 on every Linux there is
	private static final double TICKS_PER_SECOND = 100;

	private final Map<String, Long> pids;

	Processes(Map<String, Long> pids) {
		this.pids = Map.copyOf(pids);
	}

	Map<String, Long> pids() {
		return this.pids;
	}

	/**
	 * The Java virtual machines of the stack: each process that is one, or runs one as
	 * its child (Keycloak's {@code kc.sh}), the launcher excepted. Redis and PostgreSQL
	 * are not.
	 * @return the JVM's pid by process name
	 */
	Map<String, Long> jvms() {
		Map<String, Long> jvms = new LinkedHashMap<>();
		this.pids.forEach((name, pid) -> {
			if (!name.equals(LAUNCHER)) {
				ProcessHandle.of(pid)
					.flatMap((process) -> Stream.concat(Stream.of(process), process.descendants())
						.filter(Processes::isJava)
						.findFirst())
					.ifPresent((jvm) -> jvms.put(name, jvm.pid()));
			}
		});
		return jvms;
	}

	private static boolean isJava(ProcessHandle process) {
		try {
			return Files.readSymbolicLink(Path.of("/proc", Long.toString(process.pid()), "exe"))
				.getFileName()
				.toString()
				.equals("java");
		}
		catch (IOException | UnsupportedOperationException ex) {
			return false;
		}
	}

	/**
	 * The CPU time each process has used since it started.
	 * @return seconds by process name, in a stable order
	 */
	Map<String, Double> cpuSeconds() {
		Map<String, Double> seconds = new LinkedHashMap<>();
		this.pids.entrySet()
			.stream()
			.sorted(Map.Entry.comparingByKey())
			.forEach((process) -> seconds.put(process.getKey(), cpuSeconds(process.getKey(), process.getValue())));
		return seconds;
	}

	/**
	 * The memory each process uses now (its proportional set size).
	 * @return bytes by process name
	 */
	Map<String, Long> memory() {
		Map<String, Long> memory = new LinkedHashMap<>();
		this.pids.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach((process) -> {
			long pid = process.getValue();
			memory.put(process.getKey(),
					(process.getKey().equals(LAUNCHER) ? ResidentMemory.of(pid) : ResidentMemory.ofTree(pid))
						.orElse(0));
		});
		return memory;
	}

	private static double cpuSeconds(String name, long pid) {
		double own = ticks(pid, !name.equals(LAUNCHER));
		if (name.equals(LAUNCHER)) {
			return own / TICKS_PER_SECOND;
		}
		double children = ProcessHandle.of(pid)
			.map((process) -> process.descendants().mapToDouble((child) -> ticks(child.pid(), false)).sum())
			.orElse(0.0);
		return (own + children) / TICKS_PER_SECOND;
	}

	/**
	 * The CPU ticks of a process in user and kernel mode, and optionally those of its
	 * children that have ended (PostgreSQL's backends of connections closed since).
	 */
	private static double ticks(long pid, boolean withEndedChildren) {
		try {
			String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
			// the fields after the command name, which is in parentheses and may hold
			// spaces:
			// state is field 3, utime 14, stime 15, cutime 16, cstime 17
			List<String> fields = List.of(stat.substring(stat.lastIndexOf(')') + 2).split(" "));
			double ticks = Double.parseDouble(fields.get(11)) + Double.parseDouble(fields.get(12));
			if (withEndedChildren) {
				ticks += Double.parseDouble(fields.get(13)) + Double.parseDouble(fields.get(14));
			}
			return ticks;
		}
		catch (IOException | RuntimeException ex) {
			// the process has ended
			return 0;
		}
	}

	/**
	 * The CPU time the whole machine has been busy (not idle, not waiting for I/O), all
	 * cores together.
	 * @return seconds
	 */
	static double machineBusySeconds() {
		try {
			// "cpu user nice system idle iowait irq softirq steal guest guest_nice"
			String[] fields = Files.readAllLines(Path.of("/proc/stat")).getFirst().trim().split("\\s+");
			double busy = 0;
			for (int i = 1; i <= 8; i++) {
				if (i != 4 && i != 5) {
					busy += Double.parseDouble(fields[i]);
				}
			}
			return busy / TICKS_PER_SECOND;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * What each process used between two readings.
	 * @param before the first reading
	 * @param after the second
	 * @return the differences by process name
	 */
	static Map<String, Double> difference(Map<String, Double> before, Map<String, Double> after) {
		Map<String, Double> difference = new LinkedHashMap<>();
		after.forEach((name, value) -> difference.put(name, value - before.getOrDefault(name, 0.0)));
		return difference;
	}

}
