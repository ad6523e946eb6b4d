package io.microshop.benchmarks;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Samples the memory of the stack's processes every second while loads run, and keeps
 * each one's peak.
 */
final class MemorySampler implements AutoCloseable {

	private final Map<String, Long> peaks = new ConcurrentHashMap<>();

	private final Thread sampler;

	MemorySampler(Processes processes) {
		this.sampler = Thread.ofPlatform().daemon().name("memory-sampler").start(() -> {
			while (!Thread.currentThread().isInterrupted()) {
				processes.memory().forEach((name, bytes) -> this.peaks.merge(name, bytes, Math::max));
				try {
					Thread.sleep(Duration.ofSeconds(1));
				}
				catch (InterruptedException ex) {
					return;
				}
			}
		});
	}

	/**
	 * The peak so far.
	 * @return bytes by process
	 */
	Map<String, Long> peaks() {
		return Map.copyOf(this.peaks);
	}

	@Override
	public void close() {
		this.sampler.interrupt();
	}

}
