package io.microshop.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where each JVM of the stack spends its CPU time during a load, from JDK Flight
 * Recorder's method samples: the share of samples by library, each sample charged to the
 * innermost frame that is not the JDK's own (a {@code HashMap.get} called by Hibernate is
 * Hibernate's time), and the methods most often on top of the stack. The recordings are
 * kept beside the report for a closer look ({@code jfr view hot-methods <file>}, or JDK
 * Mission Control).
 */
final class Profiles {

	private static final String RECORDING = "benchmarks";

	// the libraries, by the start of their packages; the first match wins
	private static final Map<String, String> LIBRARIES = libraries();

	private Profiles() {
	}

	/**
	 * Records every JVM of the stack while a load runs.
	 * @param <T> the load's result
	 * @param processes the stack's processes
	 * @param directory where the recordings go
	 * @param name what the load is, for the recordings' names
	 * @param load the load
	 * @return the load's result with each JVM's profile
	 */
	static <T> Profiled<T> during(Processes processes, Path directory, String name, Supplier<T> load) {
		Map<String, Long> jvms = processes.jvms();
		jvms.forEach((process, pid) -> jcmd(pid, "JFR.start", "name=" + RECORDING, "settings=profile"));
		T result;
		try {
			result = load.get();
		}
		finally {
			jvms.forEach((process, pid) -> jcmd(pid, "JFR.stop", "name=" + RECORDING,
					"filename=" + directory.resolve("%s-%s.jfr".formatted(name, process))));
		}
		Map<String, Profile> profiles = new LinkedHashMap<>();
		jvms.keySet()
			.forEach((process) -> profiles.put(process,
					analyse(directory.resolve("%s-%s.jfr".formatted(name, process)))));
		return new Profiled<>(result, profiles);
	}

	/**
	 * Reads a recording.
	 * @param recording the {@code .jfr} file
	 * @return its profile
	 */
	static Profile analyse(Path recording) {
		Map<String, Integer> byLibrary = new HashMap<>();
		Map<String, Integer> byMethod = new HashMap<>();
		int samples = 0;
		try (RecordingFile file = new RecordingFile(recording)) {
			while (file.hasMoreEvents()) {
				RecordedEvent event = file.readEvent();
				RecordedStackTrace stack = event.getStackTrace();
				if (!event.getEventType().getName().equals("jdk.ExecutionSample") || stack == null
						|| stack.getFrames().isEmpty()) {
					continue;
				}
				samples++;
				List<RecordedFrame> frames = stack.getFrames();
				byMethod.merge(method(frames.getFirst()), 1, Integer::sum);
				byLibrary.merge(library(frames), 1, Integer::sum);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read " + recording, ex);
		}
		return new Profile(samples, top(byLibrary, samples, 12), top(byMethod, samples, 10));
	}

	static String library(List<RecordedFrame> frames) {
		for (RecordedFrame frame : frames) {
			String type = frame.getMethod().getType().getName();
			if (!isJdk(type)) {
				return libraryOf(type);
			}
		}
		return "JDK";
	}

	static String libraryOf(String type) {
		for (Map.Entry<String, String> library : LIBRARIES.entrySet()) {
			if (type.startsWith(library.getKey())) {
				return library.getValue();
			}
		}
		String[] parts = type.split("\\.");
		return (parts.length > 2) ? parts[0] + "." + parts[1] + "." + parts[2] : type;
	}

	private static boolean isJdk(String type) {
		return type.startsWith("java.") || type.startsWith("jdk.") || type.startsWith("sun.")
				|| type.startsWith("javax.");
	}

	private static String method(RecordedFrame frame) {
		String type = frame.getMethod().getType().getName();
		return type.substring(type.lastIndexOf('.') + 1) + "." + frame.getMethod().getName() + " ("
				+ (isJdk(type) ? "JDK" : libraryOf(type)) + ")";
	}

	private static List<Share> top(Map<String, Integer> counts, int samples, int limit) {
		List<Share> shares = new ArrayList<>();
		counts.entrySet()
			.stream()
			.sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
			.limit(limit)
			.forEach((entry) -> shares.add(new Share(entry.getKey(), entry.getValue() / (double) samples)));
		shares.sort(Comparator.comparingDouble(Share::fraction).reversed());
		return shares;
	}

	private static void jcmd(long pid, String... command) {
		List<String> arguments = new ArrayList<>();
		arguments.add(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString());
		arguments.add(Long.toString(pid));
		arguments.addAll(List.of(command));
		try {
			Process jcmd = new ProcessBuilder(arguments).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.start();
			if (!jcmd.waitFor(60, TimeUnit.SECONDS) || jcmd.exitValue() != 0) {
				throw new IllegalStateException("jcmd " + pid + " " + String.join(" ", command) + " failed");
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

	private static Map<String, String> libraries() {
		Map<String, String> libraries = new LinkedHashMap<>();
		libraries.put("io.microshop.", "Microshop");
		libraries.put("org.springframework.cloud.gateway.", "Spring Cloud Gateway");
		libraries.put("org.springframework.cloud.", "Spring Cloud");
		libraries.put("org.springframework.kafka.", "Spring Kafka");
		libraries.put("org.springframework.data.", "Spring Data");
		libraries.put("org.springframework.orm.", "Spring ORM");
		libraries.put("org.springframework.jdbc.", "Spring JDBC");
		libraries.put("org.springframework.transaction.", "Spring transactions");
		libraries.put("org.springframework.web.", "Spring Web");
		libraries.put("org.springframework.http.", "Spring Web");
		libraries.put("org.springframework.boot.actuate.", "Spring Boot Actuator");
		libraries.put("org.springframework.", "Spring Framework");
		libraries.put("reactor.netty.", "Reactor Netty");
		libraries.put("io.netty.", "Netty");
		libraries.put("reactor.", "Reactor");
		libraries.put("io.micrometer.", "Micrometer");
		libraries.put("org.hibernate.", "Hibernate");
		libraries.put("org.postgresql.", "PostgreSQL JDBC");
		libraries.put("com.zaxxer.hikari.", "HikariCP");
		libraries.put("org.apache.kafka.", "Kafka client");
		libraries.put("kafka.", "Kafka broker");
		libraries.put("org.apache.catalina.", "Tomcat");
		libraries.put("org.apache.coyote.", "Tomcat");
		libraries.put("org.apache.tomcat.", "Tomcat");
		libraries.put("tools.jackson.", "Jackson");
		libraries.put("com.fasterxml.jackson.", "Jackson");
		libraries.put("ch.qos.logback.", "Logback");
		libraries.put("org.slf4j.", "Logback");
		libraries.put("com.netflix.", "Eureka");
		libraries.put("org.eclipse.angus.", "Jakarta Mail");
		libraries.put("jakarta.mail.", "Jakarta Mail");
		return libraries;
	}

	/**
	 * One JVM's profile.
	 *
	 * @param samples how many method samples
	 * @param libraries the share of samples by library, largest first
	 * @param methods the share of samples on top of which each method was, largest first
	 */
	record Profile(int samples, List<Share> libraries, List<Share> methods) {

	}

	/**
	 * A part of the samples.
	 *
	 * @param name what the part is
	 * @param fraction its share, 0 to 1
	 */
	record Share(String name, double fraction) {

	}

	/**
	 * A load's result with the profile of each JVM during it.
	 *
	 * @param <T> the result's type
	 * @param result the result
	 * @param profiles the profiles by process
	 */
	record Profiled<T>(T result, Map<String, Profile> profiles) {

	}

}
