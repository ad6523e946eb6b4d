package io.microshop.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.stream.LongStream;
import java.util.stream.Stream;

/**
 * How much physical memory a process and its children use (their resident set), read from
 * {@code /proc}: the figure the operating system would have to find for them. Elsewhere
 * than on Linux nothing is known.
 */
final class ResidentMemory {

	private ResidentMemory() {
	}

	/**
	 * The resident memory of a process and all its descendants.
	 * @param pid the process
	 * @return bytes, or empty when it cannot be read
	 */
	static OptionalLong ofTree(long pid) {
		OptionalLong own = of(pid);
		if (own.isEmpty()) {
			return own;
		}
		long children = ProcessHandle.of(pid)
			.map((process) -> process.descendants().mapToLong((child) -> of(child.pid()).orElse(0)))
			.orElse(LongStream.empty())
			.sum();
		return OptionalLong.of(own.getAsLong() + children);
	}

	/**
	 * The resident memory of one process.
	 * @param pid the process
	 * @return bytes, or empty when it cannot be read
	 */
	static OptionalLong of(long pid) {
		Path status = Path.of("/proc", Long.toString(pid), "status");
		try (Stream<String> lines = Files.lines(status)) {
			// "VmRSS: 123456 kB"
			return lines.filter((line) -> line.startsWith("VmRSS:"))
				.findFirst()
				.map((line) -> line.replaceAll("[^0-9]", ""))
				.map((kilobytes) -> OptionalLong.of(Long.parseLong(kilobytes) * 1024))
				.orElse(OptionalLong.empty());
		}
		catch (IOException | UncheckedIOException | NumberFormatException ex) {
			return OptionalLong.empty();
		}
	}

	static String format(long bytes) {
		return (bytes >= 1L << 30) ? "%.1f GiB".formatted(bytes / (double) (1L << 30))
				: "%d MiB".formatted(bytes >> 20);
	}

}
