package io.microshop.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A load tool run as a process (wrk, pgbench, Gatling), its output kept in a file.
 */
final class Tool {

	private Tool() {
	}

	/**
	 * Runs the tool and waits for it to end.
	 * @param command the command line
	 * @param environment variables to add to the environment
	 * @param output where its output (stdout and stderr) is kept
	 * @param timeout how long it may take
	 * @return all it printed
	 * @throws IllegalStateException if it cannot be started, takes too long, or fails
	 */
	static String run(List<String> command, Map<String, String> environment, Path output, Duration timeout) {
		String tool = Path.of(command.getFirst()).getFileName().toString();
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
		builder.environment().putAll(environment);
		try {
			Process process = builder.start();
			if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new IllegalStateException(
						tool + " did not end within " + timeout.toSeconds() + " s; see " + output);
			}
			String printed = Files.readString(output);
			if (process.exitValue() != 0) {
				throw new IllegalStateException(
						tool + " ended with exit code " + process.exitValue() + " (" + output + "):\n" + printed);
			}
			return printed;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not run " + tool + " (benchmarks/run.sh installs it)", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
