import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Stand-in for Testcontainers' Ryuk: the resource reaper that removes a test run's containers,
 * networks, volumes and images once the run's JVM has gone, even when it was killed.
 *
 * <p>Its protocol, as Testcontainers speaks it: a client connects to port 8080 and sends lines of
 * filters ({@code label=org.testcontainers.sessionId%3D...&label=...}), each answered with
 * {@code ACK}. Once the last client has disconnected and none has come back within
 * {@code RYUK_RECONNECTION_TIMEOUT} (10 s), everything that matches one of the lines is removed
 * through the Docker API on {@code /var/run/docker.sock}, and Ryuk exits. It also exits when no
 * client comes within {@code RYUK_CONNECTION_TIMEOUT} (60 s) of its start.
 */
public final class RyukStandIn {

	private static final Pattern ID = Pattern.compile("\"Id\":\"([^\"]+)\"");

	private static final Pattern VOLUME_NAME = Pattern.compile("\"Name\":\"([^\"]+)\"");

	private final Set<List<String>> filters = new CopyOnWriteArraySet<>();

	private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

	private final String socket = System.getenv().getOrDefault("RYUK_DOCKER_SOCKET", "/var/run/docker.sock");

	private int connections;

	private ScheduledFuture<?> reaping;

	public static void main(String[] args) throws IOException {
		new RyukStandIn().run();
	}

	private void run() throws IOException {
		try (ServerSocket server = new ServerSocket(Integer.parseInt(System.getenv().getOrDefault("RYUK_PORT", "8080")))) {
			scheduleReaping(timeout("RYUK_CONNECTION_TIMEOUT", Duration.ofSeconds(60)));
			System.out.println("Started: Ryuk stand-in listening on " + server.getLocalSocketAddress());
			while (true) {
				Socket client = server.accept();
				connected();
				Thread.ofVirtual().start(() -> serve(client));
			}
		}
	}

	private void serve(Socket client) {
		try (client;
				BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
				OutputStream out = client.getOutputStream()) {
			for (String line = in.readLine(); line != null; line = in.readLine()) {
				List<String> labels = labels(line);
				if (!labels.isEmpty()) {
					this.filters.add(labels);
					System.out.println("Registered the filter " + labels);
				}
				out.write("ACK\n".getBytes(StandardCharsets.US_ASCII));
				out.flush();
			}
		}
		catch (IOException ex) {
			System.out.println("Client connection ended: " + ex.getMessage());
		}
		finally {
			disconnected();
		}
	}

	private static List<String> labels(String line) {
		List<String> labels = new ArrayList<>();
		for (String pair : line.strip().split("&")) {
			int equals = pair.indexOf('=');
			if (equals > 0 && URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8).equals("label")) {
				labels.add(URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
			}
		}
		return labels;
	}

	private synchronized void connected() {
		this.connections++;
		if (this.reaping != null) {
			this.reaping.cancel(false);
			this.reaping = null;
		}
	}

	private synchronized void disconnected() {
		if (--this.connections == 0) {
			scheduleReaping(timeout("RYUK_RECONNECTION_TIMEOUT", Duration.ofSeconds(10)));
		}
	}

	private synchronized void scheduleReaping(Duration after) {
		this.reaping = this.timer.schedule(this::reapAndExit, after.toMillis(), TimeUnit.MILLISECONDS);
	}

	private void reapAndExit() {
		for (List<String> labels : this.filters) {
			String query = "?filters=" + URLEncoder.encode("{\"label\":[" + labels.stream()
				.map((label) -> "\"" + label.replace("\\", "\\\\").replace("\"", "\\\"") + "\"")
				.collect(Collectors.joining(",")) + "]}", StandardCharsets.UTF_8);
			try {
				int containers = remove(ID, "/containers/json" + query + "&all=true", "/containers/%s?force=true&v=true");
				int networks = remove(ID, "/networks" + query, "/networks/%s");
				int volumes = remove(VOLUME_NAME, "/volumes" + query, "/volumes/%s?force=true");
				int images = remove(ID, "/images/json" + query, "/images/%s?force=true");
				System.out.printf("Removed %d containers, %d networks, %d volumes and %d images matching %s%n",
						containers, networks, volumes, images, labels);
			}
			catch (IOException ex) {
				System.out.println("Could not remove what matches " + labels + ": " + ex.getMessage());
			}
		}
		System.exit(0);
	}

	private int remove(Pattern name, String list, String delete) throws IOException {
		int removed = 0;
		Matcher matcher = name.matcher(request("GET", list));
		while (matcher.find()) {
			request("DELETE", delete.formatted(URLEncoder.encode(matcher.group(1), StandardCharsets.UTF_8)));
			removed++;
		}
		return removed;
	}

	/** One HTTP/1.0 request to the Docker API, which answers and closes the connection. */
	private String request(String method, String path) throws IOException {
		try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
			channel.connect(UnixDomainSocketAddress.of(this.socket));
			channel.write(ByteBuffer.wrap("%s %s HTTP/1.0\r\nHost: docker\r\n\r\n".formatted(method, path)
				.getBytes(StandardCharsets.US_ASCII)));
			ByteArrayOutputStream response = new ByteArrayOutputStream();
			Channels.newInputStream(channel).transferTo(response);
			String text = response.toString(StandardCharsets.UTF_8);
			int body = text.indexOf("\r\n\r\n");
			return (body < 0) ? "" : text.substring(body + 4);
		}
	}

	private static Duration timeout(String variable, Duration otherwise) {
		String value = System.getenv(variable);
		if (value == null || value.isBlank()) {
			return otherwise;
		}
		// Ryuk's own format is Go's duration ("10s", "1m"); plain numbers are seconds
		Matcher matcher = Pattern.compile("(\\d+)(ms|s|m)?").matcher(value.strip());
		if (!matcher.matches()) {
			return otherwise;
		}
		long amount = Long.parseLong(matcher.group(1));
		return switch (matcher.group(2) == null ? "s" : matcher.group(2)) {
			case "ms" -> Duration.ofMillis(amount);
			case "m" -> Duration.ofMinutes(amount);
			default -> Duration.ofSeconds(amount);
		};
	}

}
