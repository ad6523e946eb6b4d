package io.microshop.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The machine a report was taken on: every figure depends on it.
 *
 * @param cpu the processor's model
 * @param cores how many cores the JVM sees
 * @param memoryBytes the physical memory
 * @param os the operating system
 * @param kernel the kernel's release
 * @param java the JDK that ran the stack and the suite
 */
record Machine(String cpu, int cores, long memoryBytes, String os, String kernel, String java) {

	static Machine describe() {
		return new Machine(field(Path.of("/proc/cpuinfo"), "model name").orElse(System.getProperty("os.arch")),
				Runtime.getRuntime().availableProcessors(),
				field(Path.of("/proc/meminfo"), "MemTotal").map((kilobytes) -> kilobytes.replaceAll("[^0-9]", ""))
					.map((kilobytes) -> Long.parseLong(kilobytes) * 1024)
					.orElse(-1L),
				field(Path.of("/etc/os-release"), "PRETTY_NAME").map((name) -> name.replace("\"", ""))
					.orElse(System.getProperty("os.name")),
				System.getProperty("os.version"),
				"%s %s".formatted(System.getProperty("java.vm.vendor"), Runtime.version()));
	}

	/**
	 * One line, as the report's heading shows it.
	 * @return e.g. "Intel Xeon …, 2 cores, 23.5 GiB, Debian GNU/Linux 12, Linux 6.1, JDK
	 * 25.0.3"
	 */
	String summary() {
		return "%s, %d cores, %.1f GiB, %s, Linux %s, %s".formatted(this.cpu, this.cores,
				this.memoryBytes / (double) (1L << 30), this.os, this.kernel, this.java);
	}

	// "name : value" (cpuinfo), "name: value kB" (meminfo) or "NAME=value" (os-release)
	private static Optional<String> field(Path file, String name) {
		try {
			List<String> lines = Files.readAllLines(file);
			return lines.stream()
				.filter((line) -> line.startsWith(name))
				.map((line) -> line.substring(name.length()).replaceFirst("^\\s*[:=]\\s*", "").strip())
				.findFirst();
		}
		catch (IOException ex) {
			return Optional.empty();
		}
	}

}
