package io.microshop.e2e;

import java.util.List;
import java.util.UUID;

import io.microshop.localstack.IdentityProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One setting switches a process's console to JSON lines in Elastic Common Schema, with
 * the trace and span ids of what it handles: Spring Boot's
 * {@code logging.structured.format.console=ecs}
 * ({@code LOGGING_STRUCTURED_FORMAT_CONSOLE} in an environment), tried on a real service
 * process.
 */
@ExtendWith(RunningSystemExtension.class)
class StructuredLogTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static RunningSystem system;

	private static Gateway gateway;

	@BeforeAll
	static void connect(RunningSystem runningSystem, Gateway systemGateway) {
		system = runningSystem;
		gateway = systemGateway;
	}

	@Test
	void oneSettingTurnsAServicesConsoleIntoEcsJsonLinesThatCarryTheTrace() {
		String sku = "LOG-" + UUID.randomUUID().toString().substring(0, 8);
		assertThat(gateway.post("/api/products", """
				{"sku": "%s", "name": "Logged", "price": 2.50, "quantity": 5}""".formatted(sku)).status())
			.isEqualTo(201);
		String address = system.startAnother("order-service", "--logging.structured.format.console=ecs");
		// the second instance of order-service: its output is kept in order-service-2.log
		String instance = "order-service-2";
		try {
			Gateway direct = new Gateway(address, () -> system.token(IdentityProvider.DEMO_ADMIN));
			String traceId = UUID.randomUUID().toString().replace("-", "");

			Gateway.Response placed = direct.postInTrace("/api/orders", """
					{"customerEmail": "ecs@example.com", "lines": [{"sku": "%s", "quantity": 1}]}""".formatted(sku),
					"00-" + traceId + "-" + traceId.substring(16) + "-01");

			assertThat(placed.status()).isEqualTo(201);
			String orderId = placed.body().get("id").asString();
			await().untilAsserted(() -> {
				List<JsonNode> lines = system.logOf(instance)
					.stream()
					.filter((line) -> line.contains(orderId) && line.contains("placed"))
					.map(json::readTree)
					.toList();
				assertThat(lines).singleElement().satisfies((line) -> {
					assertThat(line.at("/ecs/version").asString()).isNotEmpty();
					assertThat(line.path("@timestamp").asString()).isNotEmpty();
					assertThat(line.at("/log/level").asString()).isEqualTo("INFO");
					assertThat(line.at("/service/name").asString()).isEqualTo("order-service");
					assertThat(line.path("message").asString()).startsWith("Order " + orderId + " placed");
					assertThat(line.path("traceId").asString()).isEqualTo(traceId);
					assertThat(line.path("spanId").asString()).matches("[0-9a-f]{16}");
				});
			});
		}
		finally {
			system.stop(instance);
		}
	}

}
