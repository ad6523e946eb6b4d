package io.microshop.localstack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * {@code ./run-local.sh}: the whole system on this machine without Docker, on the ports
 * of the API contract, until Ctrl-C.
 */
public final class LocalStack {

	static final int POSTGRES_PORT = 15432;

	static final int KAFKA_PORT = 9092;

	static final int KAFKA_CONTROLLER_PORT = 9093;

	static final int SMTP_PORT = 1025;

	private static final long startedAt = System.nanoTime();

	private LocalStack() {
	}

	public static void main(String[] args) throws Exception {
		Set<String> options = Set.of(args);
		if (options.contains("--help") || options.contains("-h")) {
			System.out.println("""
					Usage: ./run-local.sh [--reset]
					  --reset   delete the local data (PostgreSQL, Kafka) in .local-stack/data before starting""");
			return;
		}
		Path root = Path.of(System.getProperty("microshop.root", ".")).toAbsolutePath().normalize();
		Path work = root.resolve(".local-stack");
		Ports ports = Ports.standard();
		try {
			requirePortsFree(ports);
			LocalInfrastructure infrastructure = new LocalInfrastructure(work, Services.Settings.currentJava(),
					LocalStack::ready);
			Services services = new Services(
					new Services.Settings(root, work.resolve("logs"), ports, Services.Settings.currentJava(),
							List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError")),
					infrastructure.endpoints(), LocalStack::ready);
			// registered before anything starts, so that Ctrl-C during start-up stops it
			// all too
			Runtime.getRuntime().addShutdownHook(new Thread(() -> {
				System.out.println("Stopping…");
				services.close();
				infrastructure.close();
			}, "local-stack-shutdown"));
			infrastructure.start(options.contains("--reset"));
			services.start();
			printSummary(services, infrastructure, work);
			Thread.currentThread().join();
		}
		catch (StartupException ex) {
			System.err.println();
			System.err.println("Start-up failed: " + ex.getMessage());
			System.exit(1);
		}
	}

	private static void requirePortsFree(Ports ports) {
		Ports.requireFree(POSTGRES_PORT, "PostgreSQL");
		Ports.requireFree(KAFKA_PORT, "Kafka");
		Ports.requireFree(KAFKA_CONTROLLER_PORT, "Kafka controller");
		Ports.requireFree(SMTP_PORT, "SMTP sink");
		Ports.requireFree(ports.discovery(), "discovery-service");
		Ports.requireFree(ports.gateway(), "gateway-service");
		Ports.requireFree(ports.order(), "order-service");
		Ports.requireFree(ports.inventory(), "inventory-service");
		Ports.requireFree(ports.notification(), "notification-service");
	}

	private static void ready(String component, String address, Duration took) {
		double elapsed = (System.nanoTime() - startedAt) / 1e9;
		System.out.printf("[%6.1fs] %-22s ready  %-40s (%.1fs)%n", elapsed, component, address, took.toMillis() / 1e3);
	}

	private static void printSummary(Services services, LocalInfrastructure infrastructure, Path work) {
		System.out.printf("""

				Microshop is up: %s  (every API call goes through the gateway)

				  gateway        %s
				  discovery      %s  (Eureka dashboard)
				  order          http://localhost:%d
				  inventory      http://localhost:%d
				  notification   http://localhost:%d
				  postgres       %s  (roles <schema>_service / local-demo-only)
				  kafka          %s
				  smtp sink      localhost:%d  (received mail is printed below)
				  logs           %s

				Try: curl -s %s/api/products
				Ctrl-C stops everything.

				""", services.gatewayUrl(), services.gatewayUrl(), services.discoveryUrl(), Ports.standard().order(),
				Ports.standard().inventory(), Ports.standard().notification(), infrastructure.endpoints().jdbcUrl(),
				infrastructure.endpoints().kafkaBootstrapServers(), SMTP_PORT, work.resolve("logs"),
				services.gatewayUrl());
	}

}
