package io.microshop.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Gatling, run as a process of its own on the suite's class path (so that its threads and
 * heap are not the suite's), with a simulation's settings as system properties. Gatling
 * writes its HTML report into the results folder.
 */
final class GatlingRun {

	private GatlingRun() {
	}

	/**
	 * Runs a simulation and waits for it.
	 * @param simulation the simulation's class
	 * @param properties its settings
	 * @param resultsFolder where Gatling puts its report
	 * @param description the report's description
	 * @param timeout how long it may take
	 * @return the folder of the HTML report ({@code index.html})
	 */
	static Path run(Class<?> simulation, Map<String, String> properties, Path resultsFolder, String description,
			Duration timeout) {
		List<String> command = new ArrayList<>();
		command.add(ProcessHandle.current().info().command().orElse("java"));
		// the options Gatling's own launchers add on a recent JDK
		command.addAll(
				List.of("-Xmx512m", "--add-opens=java.base/java.lang=ALL-UNNAMED", "--enable-native-access=ALL-UNNAMED",
						"-Dgatling.data.enableAnalytics=false", "-cp", System.getProperty("java.class.path")));
		properties.forEach((name, value) -> command.add("-D" + name + "=" + value));
		command.addAll(List.of("io.gatling.app.Gatling", "--simulation", simulation.getName(), "--results-folder",
				resultsFolder.toString(), "--run-description", description));
		try {
			Files.createDirectories(resultsFolder);
			Tool.run(command, Map.of(), resultsFolder.resolve("gatling-" + System.nanoTime() + ".log"), timeout);
			return newestReport(resultsFolder);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static Path newestReport(Path resultsFolder) throws IOException {
		try (Stream<Path> reports = Files.list(resultsFolder)) {
			return reports.filter((folder) -> Files.exists(folder.resolve("index.html")))
				.max((a, b) -> Long.compare(a.toFile().lastModified(), b.toFile().lastModified()))
				.orElseThrow(() -> new IllegalStateException("Gatling wrote no report into " + resultsFolder));
		}
	}

}
