package io.microshop.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.stream.LongStream;
import java.util.stream.Stream;

/**
 * How much physical memory a process and its children use, read from {@code /proc}: the
 * proportional set size (PSS), in which a page shared by several processes counts for
 * each of them with its share. PostgreSQL's backends all map the same shared buffers, so
 * their resident sets (RSS) would count those buffers once per backend and add up to far
 * more than the machine has to find; their PSS adds up to what it does. Where PSS cannot
 * be read (kernels before 4.14), the resident set is used; elsewhere than on Linux
 * nothing is known.
 */
public final class ResidentMemory {

	private ResidentMemory() {
	}

	/**
	 * The memory of a process and all its descendants.
	 * @param pid the process
	 * @return bytes, or empty when it cannot be read
	 */
	public static OptionalLong ofTree(long pid) {
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
	 * The memory of one process.
	 * @param pid the process
	 * @return bytes, or empty when it cannot be read
	 */
	public static OptionalLong of(long pid) {
		Path proc = Path.of("/proc", Long.toString(pid));
		OptionalLong pss = kilobytes(proc.resolve("smaps_rollup"), "Pss:");
		return pss.isPresent() ? pss : kilobytes(proc.resolve("status"), "VmRSS:");
	}

	// "Pss: 123456 kB", "VmRSS: 123456 kB"
	private static OptionalLong kilobytes(Path file, String field) {
		try (Stream<String> lines = Files.lines(file)) {
			return lines.filter((line) -> line.startsWith(field))
				.findFirst()
				.map((line) -> line.substring(field.length()).replaceAll("[^0-9]", ""))
				.map((kilobytes) -> OptionalLong.of(Long.parseLong(kilobytes) * 1024))
				.orElse(OptionalLong.empty());
		}
		catch (IOException | UncheckedIOException | NumberFormatException ex) {
			return OptionalLong.empty();
		}
	}

	public static String format(long bytes) {
		return (bytes >= 1L << 30) ? "%.1f GiB".formatted(bytes / (double) (1L << 30))
				: "%d MiB".formatted(bytes >> 20);
	}

}
