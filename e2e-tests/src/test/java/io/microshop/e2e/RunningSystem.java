package io.microshop.e2e;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.microshop.localstack.Endpoints;
import io.microshop.localstack.Ports;
import io.microshop.localstack.ServiceDatabases;
import io.microshop.localstack.Services;
import io.microshop.testsupport.TestInfrastructure;

/**
 * The system as a user runs it: discovery, the gateway and the three services, each its
 * own process started from its executable jar, on one real PostgreSQL (each service with
 * its own role and schema), one real Kafka broker and an SMTP sink.
 */
final class RunningSystem implements AutoCloseable {

	/**
	 * Small heaps and a quick start for two slow cores. (Each service already runs one
	 * Kafka consumer per partition, so reservations truly race in inventory-service.)
	 */
	private static final List<String> JVM_OPTIONS = List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

	private final GreenMail smtp;

	private final Services services;

	private RunningSystem(GreenMail smtp, Services services) {
		this.smtp = smtp;
		this.services = services;
	}

	static RunningSystem start() {
		TestInfrastructure.Postgres postgres = TestInfrastructure.postgres();
		ServiceDatabases.prepare(postgres.jdbcUrl(), postgres.username(), postgres.password());
		GreenMail smtp = new GreenMail(new ServerSetup(Ports.free().gateway(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
		smtp.start();
		Endpoints endpoints = new Endpoints(postgres.jdbcUrl(), TestInfrastructure.kafkaBootstrapServers(), "localhost",
				smtp.getSmtp().getPort());
		Path root = Path.of(System.getProperty("microshop.root", "..")).toAbsolutePath().normalize();
		Services.Settings settings = new Services.Settings(root, root.resolve("e2e-tests/target/system-logs"),
				Ports.free(), Services.Settings.currentJava(), JVM_OPTIONS);
		Services services = new Services(settings, endpoints, RunningSystem::report);
		try {
			services.start();
		}
		catch (RuntimeException ex) {
			smtp.stop();
			throw ex;
		}
		return new RunningSystem(smtp, services);
	}

	Gateway gateway() {
		return new Gateway(this.services.gatewayUrl());
	}

	GreenMail mailbox() {
		return this.smtp;
	}

	@Override
	public void close() {
		this.services.close();
		this.smtp.stop();
	}

	private static void report(String component, String address, Duration took) {
		System.out.printf("%s ready at %s after %.1f s%n", component, address, took.toMillis() / 1e3);
	}

}
