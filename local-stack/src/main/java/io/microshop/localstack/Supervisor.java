package io.microshop.localstack;

import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * Starts a component again when its process ends while the stack runs, as compose's
 * {@code restart: unless-stopped} does: after 1 s, then 2, 4, 8 … up to 30 s for as long
 * as it fails to come up again.
 */
final class Supervisor {

	private static final Duration FIRST_DELAY = Duration.ofSeconds(1);

	private static final Duration LONGEST_DELAY = Duration.ofSeconds(30);

	private final Progress progress;

	private volatile boolean stopping;

	/**
	 * @param progress told when a component ends and when it cannot be started again
	 */
	Supervisor(Progress progress) {
		this.progress = progress;
	}

	/**
	 * Watches a running component.
	 * @param component its name
	 * @param process its process
	 * @param restart starts it again and returns once it is ready (or throws)
	 */
	void watch(String component, ManagedProcess process, Callable<ManagedProcess> restart) {
		process.onExit().thenAccept((exitCode) -> {
			if (!this.stopping) {
				scheduleRestart(component, restart, 0, "exited with code " + exitCode);
			}
		});
	}

	/**
	 * Stops restarting anything: the stack is shutting down.
	 */
	void stop() {
		this.stopping = true;
	}

	private void scheduleRestart(String component, Callable<ManagedProcess> restart, int failures, String why) {
		Duration delay = delay(failures);
		this.progress.note(component, why + "; starting it again in " + delay.toSeconds() + " s");
		Thread.ofVirtual().name(component + "-restart").start(() -> {
			try {
				Thread.sleep(delay);
			}
			catch (InterruptedException ex) {
				return;
			}
			if (this.stopping) {
				return;
			}
			ManagedProcess process;
			try {
				process = restart.call();
			}
			catch (Exception ex) {
				scheduleRestart(component, restart, failures + 1, "did not start again (" + ex.getMessage() + ")");
				return;
			}
			if (this.stopping) {
				process.close();
				return;
			}
			watch(component, process, restart);
		});
	}

	static Duration delay(int failures) {
		Duration delay = FIRST_DELAY.multipliedBy(1L << Math.min(failures, 5));
		return (delay.compareTo(LONGEST_DELAY) > 0) ? LONGEST_DELAY : delay;
	}

}
