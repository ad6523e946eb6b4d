package io.microshop.localstack;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A component running in its own operating-system process, its output in its own log file
 * and, line by line, handed to a {@link Output} (the console of the local stack).
 */
public final class ManagedProcess implements AutoCloseable {

	private static final Set<ManagedProcess> started = ConcurrentHashMap.newKeySet();

	// set once the stack is stopping: no process starts any more, not even one the
	// start-up
	// or a restart was about to launch
	private static volatile boolean stopping;

	private final String name;

	private final Process process;

	private final Path logFile;

	private ManagedProcess(String name, Process process, Path logFile) {
		this.name = name;
		this.process = process;
		this.logFile = logFile;
	}

	static ManagedProcess start(String name, List<String> command, Path logFile) {
		return start(name, command, logFile, Output.NONE, false);
	}

	/**
	 * Starts a process whose output (stdout and stderr) goes to its log file and to an
	 * {@link Output}.
	 * @param name the component's name, which prefixes its lines
	 * @param command the command line
	 * @param logFile where its output is kept
	 * @param output told of each line
	 * @param append whether to add to the log file (a restart) instead of starting it
	 * anew
	 * @return the running process
	 */
	static ManagedProcess start(String name, List<String> command, Path logFile, Output output, boolean append) {
		return start(name, command, Map.of(), logFile, output, append);
	}

	/**
	 * Starts a process as {@link #start(String, List, Path, Output, boolean)} does, with
	 * variables added to its environment.
	 * @param name the component's name, which prefixes its lines
	 * @param command the command line
	 * @param environment variables added to this process's environment
	 * @param logFile where its output is kept
	 * @param output told of each line
	 * @param append whether to add to the log file (a restart) instead of starting it
	 * anew
	 * @return the running process
	 */
	static ManagedProcess start(String name, List<String> command, Map<String, String> environment, Path logFile,
			Output output, boolean append) {
		if (stopping) {
			throw new StartupException(name + " not started: the stack is stopping");
		}
		try {
			Files.createDirectories(logFile.getParent());
			BufferedWriter log = Files.newBufferedWriter(logFile, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
					StandardOpenOption.WRITE,
					append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING);
			if (append) {
				log.write("----- started again at " + Instant.now() + " -----" + System.lineSeparator());
				log.flush();
			}
			Process process;
			try {
				ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
				builder.environment().putAll(environment);
				process = builder.start();
			}
			catch (IOException ex) {
				log.close();
				throw ex;
			}
			Thread.ofPlatform().name(name + "-output").daemon().start(() -> copyLines(process, log, name, output));
			ManagedProcess managed = new ManagedProcess(name, process, logFile);
			// known to closeAll() until it ends
			started.add(managed);
			process.onExit().thenRun(() -> started.remove(managed));
			return managed;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start " + name + ": " + String.join(" ", command), ex);
		}
	}

	private static void copyLines(Process process, BufferedWriter log, String name, Output output) {
		try (log;
				BufferedReader lines = new BufferedReader(
						new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
			for (String line = lines.readLine(); line != null; line = lines.readLine()) {
				log.write(line);
				log.newLine();
				// written out once nothing more is waiting: the file stays current, and a
				// busy process's lines go out together rather than one write each
				if (!lines.ready()) {
					log.flush();
				}
				output.line(name, line);
			}
		}
		catch (IOException ex) {
			// the process has gone, and with it its output
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
	 * Completes when the process has ended, for whatever reason.
	 * @return its exit code, once it has ended
	 */
	public CompletableFuture<Integer> onExit() {
		return this.process.onExit().thenApply(Process::exitValue);
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
	 * What the process is doing, for a failure that its log cannot explain (it did not
	 * come up in time): its state in the kernel ({@code R} running, {@code S} sleeping,
	 * {@code T} stopped...) and, for a JVM, its threads, written by {@code jcmd
	 * Thread.print} beside its log.
	 * @return e.g.
	 * {@code process state S; its threads: .../inventory-service.threads.txt}
	 */
	public String diagnosis() {
		String state;
		try {
			String stat = Files.readString(Path.of("/proc", Long.toString(pid()), "stat"));
			state = stat.substring(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
		}
		catch (IOException | RuntimeException ex) {
			state = "unknown";
		}
		Optional<Path> jcmd = this.process.info()
			.command()
			.map(Path::of)
			.filter((command) -> command.getFileName().toString().equals("java"))
			.map((java) -> java.resolveSibling("jcmd"))
			.filter(Files::isExecutable);
		if (jcmd.isEmpty() || !isAlive()) {
			return "process state " + state;
		}
		Path threads = this.logFile.resolveSibling(this.name + ".threads.txt");
		try {
			Process dump = new ProcessBuilder(jcmd.get().toString(), Long.toString(pid()), "Thread.print")
				.redirectErrorStream(true)
				.redirectOutput(threads.toFile())
				.start();
			if (!dump.waitFor(15, TimeUnit.SECONDS)) {
				dump.destroyForcibly();
				return "process state %s; jcmd Thread.print did not answer within 15 s".formatted(state);
			}
			return "process state %s; its threads: %s; its main thread:%n%s".formatted(state, threads,
					mainThread(threads));
		}
		catch (IOException ex) {
			return "process state %s; no thread dump (%s)".formatted(state, ex.getMessage());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return "process state " + state;
		}
	}

	// the stack of the thread named main, at most 25 lines, from a thread dump
	private static String mainThread(Path threads) {
		try {
			List<String> lines = Files.readAllLines(threads, StandardCharsets.UTF_8);
			int start = 0;
			while (start < lines.size() && !lines.get(start).startsWith("\"main\"")) {
				start++;
			}
			int end = start;
			while (end < lines.size() && end - start < 25 && !lines.get(end).isBlank()) {
				end++;
			}
			return String.join(System.lineSeparator(), lines.subList(start, end));
		}
		catch (IOException ex) {
			return "(" + ex.getMessage() + ")";
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
	 * Freezes the process (SIGSTOP), as a long pause, a frozen VM or a full disk would:
	 * it keeps its ports, and the kernel keeps accepting connections on them, but it
	 * answers nothing until it is {@linkplain #thaw() thawed}.
	 */
	public void freeze() {
		signal("STOP");
	}

	/**
	 * Lets a {@linkplain #freeze() frozen} process go on (SIGCONT).
	 */
	public void thaw() {
		signal("CONT");
	}

	private void signal(String signal) {
		signal(this.process.pid(), signal);
	}

	/**
	 * Sends a signal to a process, as {@code kill -<signal> <pid>} does.
	 * @param pid the process
	 * @param signal the signal's name without {@code SIG}: {@code STOP}, {@code CONT}
	 * @throws IllegalStateException if the signal could not be sent
	 */
	public static void signal(long pid, String signal) {
		try {
			Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).redirectErrorStream(true)
				.start();
			if (!kill.waitFor(5, TimeUnit.SECONDS) || kill.exitValue() != 0) {
				throw new IllegalStateException("kill -" + signal + " " + pid + " failed");
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Refuses every later start: the stack is stopping.
	 */
	static void refuseStarts() {
		stopping = true;
	}

	/**
	 * Whether the stack is stopping: a process that ends now was most likely stopped.
	 * @return {@code true} once {@link #refuseStarts()} was called
	 */
	static boolean stopping() {
		return stopping;
	}

	/**
	 * Stops every process started here that still runs, whoever started it: the last step
	 * of shutting down, so that nothing is left behind, not even a process that was being
	 * started again while the stack was stopping.
	 * @param grace how long they may take to stop by themselves
	 */
	static void closeAll(Duration grace) {
		stopAll(List.copyOf(started), grace);
	}

	/**
	 * Stops processes together: asks each to stop (SIGTERM, a frozen one thawed first),
	 * and kills each one still running at the end of the grace time (SIGKILL), with every
	 * process it started (a script's JVM, PostgreSQL's backends).
	 * @param processes the processes
	 * @param grace how long they may take to stop by themselves
	 */
	static void stopAll(Collection<ManagedProcess> processes, Duration grace) {
		// taken before they end: a process's children are no longer its descendants once
		// it
		// has gone
		Map<ManagedProcess, List<ProcessHandle>> descendants = new LinkedHashMap<>();
		for (ManagedProcess managed : processes) {
			if (managed.process.isAlive()) {
				descendants.put(managed, managed.process.descendants().toList());
				managed.process.destroy();
				try {
					managed.thaw();
				}
				catch (RuntimeException ex) {
					// it has ended meanwhile
				}
			}
		}
		long deadline = System.nanoTime() + grace.toNanos();
		for (Map.Entry<ManagedProcess, List<ProcessHandle>> entry : descendants.entrySet()) {
			Process process = entry.getKey().process;
			try {
				long left = Math.max(0, deadline - System.nanoTime());
				if (!process.waitFor(left, TimeUnit.NANOSECONDS)) {
					process.destroyForcibly();
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				process.destroyForcibly();
			}
			entry.getValue().stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
		}
		for (ManagedProcess managed : descendants.keySet()) {
			try {
				managed.process.waitFor(2, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	/**
	 * Asks the process to stop (SIGTERM, so Spring Boot shuts down gracefully), and kills
	 * it, and what it started, if it has not stopped within 20 s.
	 */
	@Override
	public void close() {
		stopAll(List.of(this), Duration.ofSeconds(20));
	}

}
