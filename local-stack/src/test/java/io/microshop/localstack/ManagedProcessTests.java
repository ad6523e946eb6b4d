package io.microshop.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ManagedProcessTests {

	@TempDir
	Path logs;

	private final List<String> shown = new CopyOnWriteArrayList<>();

	@Test
	void outputAndErrorsGoToTheLogFileAndTheConsoleLineByLine() throws IOException {
		Path log = this.logs.resolve("demo.log");

		ManagedProcess process = ManagedProcess.start("demo", List.of("sh", "-c", "echo one; echo two >&2"), log,
				this::show, false);

		assertThat(process.awaitExit(Duration.ofSeconds(10))).isZero();
		await().untilAsserted(() -> assertThat(this.shown).containsExactly("demo: one", "demo: two"));
		assertThat(Files.readAllLines(log)).containsExactly("one", "two");
	}

	@Test
	void aStartAgainAddsToTheLogAfterAMarker() throws IOException {
		Path log = this.logs.resolve("demo.log");
		Files.writeString(log, "first life\n");

		ManagedProcess process = ManagedProcess.start("demo", List.of("echo", "second life"), log, this::show, true);

		assertThat(process.awaitExit(Duration.ofSeconds(10))).isZero();
		await().untilAsserted(() -> assertThat(Files.readAllLines(log)).hasSize(3));
		assertThat(Files.readAllLines(log)).first().isEqualTo("first life");
		assertThat(Files.readAllLines(log).get(1)).startsWith("----- started again at ");
		assertThat(Files.readAllLines(log)).last().isEqualTo("second life");
	}

	@Test
	void aFirstStartReplacesTheLogOfAnEarlierRun() throws IOException {
		Path log = this.logs.resolve("demo.log");
		Files.writeString(log, "yesterday\n");

		ManagedProcess process = ManagedProcess.start("demo", List.of("echo", "today"), log, this::show, false);

		assertThat(process.awaitExit(Duration.ofSeconds(10))).isZero();
		await().untilAsserted(() -> assertThat(Files.readAllLines(log)).containsExactly("today"));
	}

	@Test
	void aProcessThatDoesNotComeUpIsDiagnosedWithItsStateAndAJvmWithItsThreads() throws IOException {
		Path java = Path.of(ProcessHandle.current().info().command().orElseThrow());
		Path program = this.logs.resolve("Stuck.java");
		Files.writeString(program, "class Stuck { public static void main(String[] args) throws Exception { "
				+ "System.out.println(\"up\"); Thread.sleep(300_000); } }");
		ManagedProcess jvm = ManagedProcess.start("stuck", List.of(java.toString(), program.toString()),
				this.logs.resolve("stuck.log"), this::show, false);
		ManagedProcess frozen = ManagedProcess.start("frozen", List.of("sleep", "300"), this.logs.resolve("frozen.log"),
				this::show, false);
		try {
			await().untilAsserted(() -> assertThat(this.shown).contains("stuck: up"));
			frozen.freeze();
			await().untilAsserted(() -> assertThat(frozen.diagnosis()).isEqualTo("process state T"));

			assertThat(jvm.diagnosis()).startsWith("process state S; its threads: ").contains("\"main\"");
			assertThat(this.logs.resolve("stuck.threads.txt")).content().contains("\"main\"").contains("Thread.sleep");
		}
		finally {
			jvm.kill();
			frozen.kill();
		}
	}

	@Test
	void onExitTellsTheExitCodeOfAKilledProcess() {
		ManagedProcess process = ManagedProcess.start("sleeper", List.of("sleep", "300"),
				this.logs.resolve("sleeper.log"), this::show, false);

		process.kill();

		// 128 + SIGKILL (9)
		assertThat(process.onExit()).succeedsWithin(Duration.ofSeconds(10)).isEqualTo(137);
	}

	@Test
	void closeAllStopsEveryProcessStillRunningWhoeverStartedIt() {
		// as a component being started again when the stack stops: nobody holds it yet
		ManagedProcess restarting = ManagedProcess.start("restarting", List.of("sleep", "300"),
				this.logs.resolve("restarting.log"), this::show, false);
		ManagedProcess ended = ManagedProcess.start("ended", List.of("true"), this.logs.resolve("ended.log"),
				this::show, false);
		assertThat(ended.awaitExit(Duration.ofSeconds(10))).isZero();

		ManagedProcess.closeAll(Duration.ofSeconds(5));

		assertThat(restarting.onExit()).succeedsWithin(Duration.ofSeconds(30));
		assertThat(restarting.isAlive()).isFalse();
	}

	@Test
	void whatDoesNotStopInTimeIsKilledWithTheProcessesItStarted() throws Exception {
		// a script that ignores SIGTERM and has started a child of its own, as kc.sh
		// starts
		// Keycloak's JVM
		ManagedProcess stubborn = ManagedProcess.start("stubborn",
				List.of("bash", "-c", "trap '' TERM; sleep 300 & echo started; wait"),
				this.logs.resolve("stubborn.log"), this::show, false);
		Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> this.shown.contains("stubborn: started"));
		List<ProcessHandle> children = ProcessHandle.of(stubborn.pid()).orElseThrow().descendants().toList();
		assertThat(children).isNotEmpty();
		long started = System.nanoTime();

		ManagedProcess.stopAll(List.of(stubborn), Duration.ofSeconds(2));

		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(6));
		assertThat(stubborn.isAlive()).isFalse();
		Awaitility.await()
			.atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(children).noneMatch(ProcessHandle::isAlive));
	}

	private void show(String component, String line) {
		this.shown.add(component + ": " + line);
	}

}
