package io.microshop.benchmarks;

import java.time.Duration;
import java.time.Instant;

/**
 * Waits, between two loads, until the machine has finished the work the first one left
 * behind (the saga's events still in flight, the JIT compiler, garbage collection), so
 * that it does not count against the second.
 */
final class Quiet {

	private static final Duration WINDOW = Duration.ofSeconds(1);

	private Quiet() {
	}

	/**
	 * Waits until less than a fifth of one core was busy during one second, or until a
	 * deadline.
	 * @param timeout the deadline
	 * @return whether the machine became quiet
	 */
	static boolean await(Duration timeout) {
		Instant deadline = Instant.now().plus(timeout);
		while (Instant.now().isBefore(deadline)) {
			double before = Processes.machineBusySeconds();
			sleep(WINDOW);
			if (Processes.machineBusySeconds() - before < 0.2 * WINDOW.toMillis() / 1e3) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Waits until the machine is quiet, as {@link #await(Duration)} does, and says how
	 * long it was still busy: the time until the start of the first quiet second.
	 * @param timeout the deadline
	 * @return how long the machine was busy, or the timeout if it never became quiet
	 */
	static Duration busyFor(Duration timeout) {
		Instant start = Instant.now();
		boolean quiet = await(timeout);
		Duration busy = Duration.between(start, Instant.now()).minus(WINDOW);
		return quiet ? (busy.isNegative() ? Duration.ZERO : busy) : timeout;
	}

	static void sleep(Duration duration) {
		try {
			Thread.sleep(duration);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
