package io.microshop.localstack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class SupervisorTests {

	@TempDir
	Path logs;

	private final List<String> notes = new CopyOnWriteArrayList<>();

	private final List<ManagedProcess> started = new CopyOnWriteArrayList<>();

	private final Supervisor supervisor = new Supervisor(new Progress() {

		@Override
		public void ready(String component, String address, Duration took) {
		}

		@Override
		public void note(String component, String message) {
			SupervisorTests.this.notes.add(component + " " + message);
		}

	});

	@AfterEach
	void stopEverything() {
		this.supervisor.stop();
		this.started.forEach(ManagedProcess::kill);
	}

	@Test
	void aCrashedProcessIsStartedAgain() {
		ManagedProcess first = sleeper();
		this.supervisor.watch("sleeper", first, this::sleeper);

		first.kill();

		await().atMost(Duration.ofSeconds(10)).until(() -> this.started.size() == 2 && this.started.get(1).isAlive());
		assertThat(this.notes).containsExactly("sleeper exited with code 137; starting it again in 1 s");
	}

	@Test
	void aRestartedProcessIsWatchedToo() {
		ManagedProcess first = sleeper();
		this.supervisor.watch("sleeper", first, this::sleeper);
		first.kill();
		await().atMost(Duration.ofSeconds(10)).until(() -> this.started.size() == 2 && this.started.get(1).isAlive());

		this.started.get(1).kill();

		await().atMost(Duration.ofSeconds(10)).until(() -> this.started.size() == 3 && this.started.get(2).isAlive());
	}

	@Test
	void aFailedRestartIsTriedAgainLater() {
		AtomicInteger attempts = new AtomicInteger();
		ManagedProcess first = sleeper();
		this.supervisor.watch("flaky", first, () -> {
			if (attempts.incrementAndGet() == 1) {
				throw new StartupException("port taken");
			}
			return sleeper();
		});

		first.kill();

		await().atMost(Duration.ofSeconds(15)).until(() -> attempts.get() == 2 && this.started.size() == 2);
		assertThat(this.notes).containsExactly("flaky exited with code 137; starting it again in 1 s",
				"flaky did not start again (port taken); starting it again in 2 s");
	}

	@Test
	void nothingIsStartedAgainOnceStopped() {
		ManagedProcess first = sleeper();
		this.supervisor.watch("sleeper", first, this::sleeper);
		this.supervisor.stop();

		first.kill();

		// the restart would come after 1 s; give it twice that to show it does not
		await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(() -> this.started.size() == 1);
		assertThat(this.notes).isEmpty();
	}

	@Test
	void theDelayDoublesUpToThirtySeconds() {
		assertThat(List.of(0, 1, 2, 3, 4, 5, 6, 40).stream().map(Supervisor::delay).map(Duration::toSeconds))
			.containsExactly(1L, 2L, 4L, 8L, 16L, 30L, 30L, 30L);
	}

	private ManagedProcess sleeper() {
		ManagedProcess process = ManagedProcess.start("sleeper", List.of("sleep", "300"),
				this.logs.resolve("sleeper.log"), Output.NONE, !this.started.isEmpty());
		this.started.add(process);
		return process;
	}

}
