package io.microshop.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.DoubleSupplier;

/**
 * The start-up of the local stack as data: when each component became ready, how long it
 * took, and its process, written to {@code .local-stack/stack.json} once the stack is up
 * and deleted when it stops. Tools read it instead of the console: the benchmarks take
 * their start-up times and the processes to measure from it.
 */
final class StackStatus implements Progress {

	private final Progress progress;

	private final DoubleSupplier elapsedSeconds;

	private final Map<String, Ready> ready = new LinkedHashMap<>();

	/**
	 * @param progress told of everything too (the console)
	 * @param elapsedSeconds the seconds since the launcher started
	 */
	StackStatus(Progress progress, DoubleSupplier elapsedSeconds) {
		this.progress = progress;
		this.elapsedSeconds = elapsedSeconds;
	}

	@Override
	public void ready(String component, String address, Duration took) {
		synchronized (this.ready) {
			// the first start counts; a restart later is not part of the start-up
			this.ready.putIfAbsent(component,
					new Ready(component, address, took.toMillis() / 1e3, this.elapsedSeconds.getAsDouble()));
		}
		this.progress.ready(component, address, took);
	}

	@Override
	public void note(String component, String message) {
		this.progress.note(component, message);
	}

	/**
	 * Writes the status.
	 * @param file where
	 * @param jvm how the services' JVMs run, e.g. {@code {"aotCache": "AOT cache"}}
	 * @param pids the process of each component that has one, the launcher's own as
	 * {@code local-stack}
	 */
	void write(Path file, Map<String, Object> jvm, Map<String, Long> pids) {
		List<String> components = new ArrayList<>();
		synchronized (this.ready) {
			this.ready.values()
				.forEach((component) -> components.add(String.format(Locale.ROOT,
						"    {\"name\": %s, \"address\": %s, \"readyAfterSeconds\": %.3f, \"readyAtSeconds\": %.3f}",
						json(component.name()), json(component.address()), component.took(), component.at())));
		}
		List<String> jvmFields = new ArrayList<>();
		jvm.forEach((name, value) -> jvmFields.add("%s: %s".formatted(json(name), json(value))));
		List<String> processes = new ArrayList<>();
		pids.forEach((name, pid) -> processes.add("%s: %d".formatted(json(name), pid)));
		String status = String.format(Locale.ROOT, """
				{
				  "upAfterSeconds": %.3f,
				  "jvm": {%s},
				  "components": [
				%s
				  ],
				  "processes": {%s}
				}
				""", this.elapsedSeconds.getAsDouble(), String.join(", ", jvmFields),
				String.join("," + System.lineSeparator(), components), String.join(", ", processes));
		try {
			// whole or not at all, for a reader polling for the file
			Path written = Files.writeString(file.resolveSibling(file.getFileName() + ".tmp"), status);
			Files.move(written, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not write " + file, ex);
		}
	}

	static void delete(Path file) {
		try {
			Files.deleteIfExists(file);
		}
		catch (IOException ex) {
			// a stale status file is overwritten at the next start
		}
	}

	private static String json(Object value) {
		if (value instanceof Boolean || value instanceof Number) {
			return String.valueOf(value);
		}
		return "\"" + String.valueOf(value).replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
	}

	private record Ready(String name, String address, double took, double at) {
	}

}
