package io.microshop.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A component running in its own operating-system process, its output in its own log
 * file.
 */
public final class ManagedProcess implements AutoCloseable {

	private final String name;

	private final Process process;

	private final Path logFile;

	private ManagedProcess(String name, Process process, Path logFile) {
		this.name = name;
		this.process = process;
		this.logFile = logFile;
	}

	static ManagedProcess start(String name, List<String> command, Path logFile) {
		try {
			Files.createDirectories(logFile.getParent());
			Process process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.to(logFile.toFile()))
				.start();
			return new ManagedProcess(name, process, logFile);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start " + name + ": " + String.join(" ", command), ex);
		}
	}

	public String name() {
		return this.name;
	}

	public Path logFile() {
		return this.logFile;
	}

	public boolean isAlive() {
		return this.process.isAlive();
	}

	public long pid() {
		return this.process.pid();
	}

	/**
	 * Waits for the process to end by itself.
	 * @param timeout how long to wait
	 * @return its exit code, or {@code -1} if it still runs
	 */
	public int awaitExit(Duration timeout) {
		try {
			return this.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) ? this.process.exitValue() : -1;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return -1;
		}
	}

	/**
	 * The last lines of the log, to explain a failure without sending the user looking.
	 * @param lines how many lines
	 * @return the lines, joined
	 */
	public String logTail(int lines) {
		try {
			List<String> all = Files.readAllLines(this.logFile, StandardCharsets.UTF_8);
			return String.join(System.lineSeparator(), all.subList(Math.max(0, all.size() - lines), all.size()));
		}
		catch (IOException | UncheckedIOException ex) {
			return "(no log: " + ex.getMessage() + ")";
		}
	}

	/**
	 * Kills the process at once (SIGKILL), as a crash would: no shutdown hook runs.
	 */
	public void kill() {
		this.process.destroyForcibly();
		try {
			this.process.waitFor(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * Asks the process to stop (SIGTERM, so Spring Boot shuts down gracefully), and kills
	 * it if it has not stopped in time.
	 */
	@Override
	public void close() {
		if (!this.process.isAlive()) {
			return;
		}
		this.process.destroy();
		try {
			if (!this.process.waitFor(20, TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.process.destroyForcibly();
		}
	}

}
