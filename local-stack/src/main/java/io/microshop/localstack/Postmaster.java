package io.microshop.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The PostgreSQL server of a data directory, found by the process id in its
 * {@code postmaster.pid}: PostgreSQL runs outside the launcher's process group (pg_ctl
 * starts it), so a launcher that is killed, or stopped while PostgreSQL was still
 * starting, would leave it running on its port. Stopping it here is PostgreSQL's
 * immediate shutdown (SIGQUIT), then SIGKILL.
 */
final class Postmaster {

	private Postmaster() {
	}

	/**
	 * The server running on a data directory.
	 * @param dataDirectory the data directory
	 * @return its postmaster, if one runs
	 */
	static Optional<ProcessHandle> running(Path dataDirectory) {
		Path pidFile = dataDirectory.resolve("postmaster.pid");
		try {
			if (!Files.isRegularFile(pidFile)) {
				return Optional.empty();
			}
			List<String> lines = Files.readAllLines(pidFile);
			long pid = Long.parseLong(lines.get(0).strip());
			return ProcessHandle.of(pid)
				.filter(ProcessHandle::isAlive)
				.filter((process) -> process.info()
					.command()
					.map((command) -> command.endsWith("postgres"))
					.orElse(false));
		}
		catch (IOException | RuntimeException ex) {
			// no readable pid file: nothing of ours runs on it
			return Optional.empty();
		}
	}

	/**
	 * Stops the server running on a data directory, if one does.
	 * @param dataDirectory the data directory
	 * @param grace how long its immediate shutdown may take before it is killed
	 * @return the process id of the server stopped, if there was one
	 */
	static Optional<Long> stop(Path dataDirectory, Duration grace) {
		Optional<ProcessHandle> postmaster = running(dataDirectory);
		postmaster.ifPresent((process) -> {
			List<ProcessHandle> backends = process.descendants().toList();
			try {
				ManagedProcess.signal(process.pid(), "QUIT");
				process.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				process.destroyForcibly();
			}
			catch (ExecutionException | TimeoutException | IllegalStateException ex) {
				process.destroyForcibly();
			}
			backends.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
		});
		return postmaster.map(ProcessHandle::pid);
	}

}
