package io.microshop.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Redis, the store of the gateway's rate limits, as its own process on loopback: the
 * {@code redis-server} binary that embedded-redis ships in its jar from Maven Central
 * (this module's build unpacks the binaries into {@code local-stack/target/redis}), so a
 * machine with only a JDK runs it too. It keeps nothing on disk: a rate limit's buckets
 * live for seconds, and a restart starts them full.
 */
public final class RateLimitStore {

	/**
	 * Redis's own port.
	 */
	public static final int PORT = 6379;

	private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

	private RateLimitStore() {
	}

	/**
	 * Starts Redis and waits until it answers {@code PING}.
	 * @param root the repository's root (the binaries are found under it)
	 * @param logDirectory where its output goes, as {@code rate-limit-store.log}
	 * @param port the port it listens on, on loopback only
	 * @param output told of each line it prints
	 * @param again whether this starts it again after it ended (its log is added to)
	 * @return the running server
	 */
	public static ManagedProcess start(Path root, Path logDirectory, int port, Output output, boolean again) {
		Path binary = binary(root);
		List<String> command = List.of(binary.toString(), "--port", Integer.toString(port), "--bind", "127.0.0.1",
				// in memory only, and no background saves forking the server
				"--save", "", "--appendonly", "no",
				// buckets expire by themselves; should they still fill it, the oldest go
				"--maxmemory", "64mb", "--maxmemory-policy", "volatile-lru");
		ManagedProcess store = ManagedProcess.start("rate-limit-store", command,
				logDirectory.resolve("rate-limit-store.log"), output, again);
		try {
			awaitPong(store, port);
		}
		catch (RuntimeException ex) {
			store.close();
			throw ex;
		}
		return store;
	}

	/**
	 * The binary for this operating system and processor, made executable (jars keep no
	 * file modes).
	 */
	private static Path binary(Path root) {
		Path unpacked = root.resolve("local-stack/target/redis");
		String platform = platform();
		try (Stream<Path> binaries = Files.list(unpacked)) {
			Path binary = binaries
				.filter((path) -> path.getFileName().toString().startsWith("redis-server-")
						&& path.getFileName().toString().endsWith(platform))
				.findFirst()
				.orElseThrow(() -> new StartupException("No redis-server for " + platform + " in " + unpacked
						+ " (embedded-redis ships Linux and " + "macOS binaries for x86-64 and ARM64)"));
			if (!Files.isExecutable(binary) && !binary.toFile().setExecutable(true)) {
				throw new StartupException("Could not make " + binary + " executable");
			}
			return binary;
		}
		catch (IOException ex) {
			throw new StartupException("No Redis binaries in " + unpacked
					+ ": build the local stack first (./mvnw -DskipTests -pl local-stack package)");
		}
	}

	private static String platform() {
		String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
		String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
		String system = os.contains("mac") ? "darwin" : "linux";
		String processor = (arch.equals("aarch64") || arch.equals("arm64")) ? "arm64" : "amd64";
		return system + "-" + processor;
	}

	private static void awaitPong(ManagedProcess store, int port) {
		Instant deadline = Instant.now().plus(START_TIMEOUT);
		while (!answersPing(port)) {
			if (!store.isAlive()) {
				throw new StartupException(store, "exited during start-up");
			}
			if (Instant.now().isAfter(deadline)) {
				throw new StartupException(store, "did not answer PING within " + START_TIMEOUT.toSeconds() + " s");
			}
			try {
				Thread.sleep(100);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}
	}

	/**
	 * Whether a Redis server answers on a loopback port.
	 * @param port the port
	 * @return whether it answered {@code PING} with {@code PONG}
	 */
	public static boolean answersPing(int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
			socket.setSoTimeout(500);
			OutputStream out = socket.getOutputStream();
			out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
			out.flush();
			InputStream in = socket.getInputStream();
			byte[] answer = in.readNBytes(7);
			return new String(answer, StandardCharsets.US_ASCII).equals("+PONG\r\n");
		}
		catch (IOException ex) {
			return false;
		}
	}

}
