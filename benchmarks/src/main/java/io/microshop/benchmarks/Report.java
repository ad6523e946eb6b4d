package io.microshop.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Everything one run of the suite measured: what {@code report.json} holds and
 * {@code report.md} shows. A measure that was not run is {@code null}.
 *
 * @param takenAt when the suite ran (UTC)
 * @param machine the machine
 * @param versions the versions of what ran: the JDK, PostgreSQL, the load tools
 * @param settings how the suite ran
 * @param startup start-up, plain and with the AOT cache
 * @param warmUp how the JVMs were warmed up before the loads
 * @param memory the memory of each process, idle and under load
 * @param gateway the gateway's overhead
 * @param orders order placement
 * @param database the database's limit
 * @param saga the saga's latency
 * @param profiles where each JVM spent its time, by load ({@code gateway}: reads through
 * the gateway, {@code orders}: order placement) and process
 * @param frozen reads and orders with one of two inventory-service instances frozen
 */
record Report(String takenAt, Machine machine, Map<String, String> versions, Map<String, Object> settings,
		Startup.Result startup, WarmUp.Result warmUp, Memory memory, GatewayOverhead.Result gateway,
		OrderPlacement.Result orders, DatabaseLimit.Result database, SagaLatency.Result saga,
		Map<String, Map<String, Profiles.Profile>> profiles, FrozenInstance.Result frozen) {

	private static final JsonMapper json = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

	/**
	 * Reads a report written by {@link #write(Path)}.
	 * @param file the {@code report.json}
	 * @return the report
	 * @throws IOException if it cannot be read
	 */
	static Report read(Path file) throws IOException {
		return json.readValue(Files.readString(file), Report.class);
	}

	/**
	 * Writes the report as JSON.
	 * @param file where
	 * @throws IOException if it cannot be written
	 */
	void write(Path file) throws IOException {
		Files.writeString(file, json.writeValueAsString(this));
	}

	/**
	 * The memory (proportional set size) of each process of the stack.
	 *
	 * @param idle bytes by process, with the stack started and idle
	 * @param peakUnderLoad bytes by process, the largest seen during the loads
	 */
	record Memory(Map<String, Long> idle, Map<String, Long> peakUnderLoad) {

	}

}
