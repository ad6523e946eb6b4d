package io.microshop.localstack;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ConsoleTests {

	private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

	@Test
	void verboseShowsEveryLinePrefixedWithItsComponent() {
		Console console = console(Console.Detail.VERBOSE);

		console.line("order-service", "Started OrderServiceApplication in 9.1 seconds");
		console.line("kafka", "[KafkaServer id=1] started");

		assertThat(lines()).containsExactly("order-service          | Started OrderServiceApplication in 9.1 seconds",
				"kafka                  | [KafkaServer id=1] started");
	}

	@Test
	void quietShowsWarningsAndErrorsWithTheirStackTracesOnly() {
		Console console = console(Console.Detail.QUIET);

		console.line("order-service", "2026-11-25T10:00:00Z  INFO 1 --- [main] Started");
		console.line("order-service", "2026-11-25T10:00:01Z ERROR 1 --- [relay] Kafka did not acknowledge");
		console.line("order-service", "java.lang.IllegalStateException: boom");
		console.line("order-service", "\tat io.microshop.Thing.run(Thing.java:1)");
		console.line("order-service", "Caused by: java.io.IOException: gone");
		console.line("order-service", "2026-11-25T10:00:02Z  INFO 1 --- [main] all is well");
		console.line("inventory-service", "2026-11-25T10:00:03Z  WARN 1 --- [main] slow");

		assertThat(lines()).containsExactly(
				"order-service          | 2026-11-25T10:00:01Z ERROR 1 --- [relay] Kafka did not acknowledge",
				"order-service          | java.lang.IllegalStateException: boom",
				"order-service          | \tat io.microshop.Thing.run(Thing.java:1)",
				"order-service          | Caused by: java.io.IOException: gone",
				"inventory-service      | 2026-11-25T10:00:03Z  WARN 1 --- [main] slow");
	}

	@Test
	void quietStillShowsMailAndProgress() {
		Console console = console(Console.Detail.QUIET);

		console.line("smtp-sink", "mail to a@example.com: Your order is confirmed");
		console.ready("kafka", "localhost:9092", Duration.ofMillis(6700));
		console.note("inventory-service", "exited with code 137; starting it again in 1 s");

		assertThat(lines()).hasSize(3);
		assertThat(lines()[0]).isEqualTo("smtp-sink              | mail to a@example.com: Your order is confirmed");
		assertThat(lines()[1]).startsWith("local-stack            | [").contains("kafka").endsWith("(6.7s)");
		assertThat(lines()[2]).contains("inventory-service      exited with code 137; starting it again in 1 s");
	}

	@Test
	void byDefaultTheShopsEventsAreShownAndTheRestOfItsChatterIsNot() {
		Console console = console(Console.Detail.EVENTS);

		console.line("order-service",
				"2026-12-06T19:30:33.512Z  INFO 1 --- [order-service] [mcat-handler-20] "
						+ "[6b15b7d9c1829abaef9032fe4de43421-ef9032fe4de43421] "
						+ "i.microshop.order.ordering.OrderJournal  : Order 27f0aaf0 placed: 1 line(s), total 10.00");
		console.line("order-service", "2026-12-06T19:30:33.520Z  INFO 1 --- [order-service] [kafka-1] [] "
				+ "o.a.k.c.c.internals.ConsumerCoordinator  : [Consumer clientId=order-service-0] Successfully joined group");
		console.line("order-service",
				"2026-12-06T19:30:33.563Z  INFO 1 --- [order-service] [kafka-2] [                                                 ] "
						+ "i.microshop.order.ordering.OrderJournal  : Order 27f0aaf0 confirmed");
		console.line("kafka", "[2026-12-06 19:30:34,000] INFO [GroupCoordinator 1]: Preparing to rebalance group");
		console.line("notification-service", "2026-12-06T19:30:35Z  WARN 1 --- [main] mail server slow");
		console.line("smtp-sink", "mail to a@example.com: Your order is confirmed");

		assertThat(lines()).containsExactly(
				"order-service          | 19:30:33  Order 27f0aaf0 placed: 1 line(s), total 10.00  [trace 6b15b7d9c1829abaef9032fe4de43421]",
				"order-service          | 19:30:33  Order 27f0aaf0 confirmed",
				"notification-service   | 2026-12-06T19:30:35Z  WARN 1 --- [main] mail server slow",
				"smtp-sink              | mail to a@example.com: Your order is confirmed");
	}

	@Test
	void quietLeavesTheShopsEventsOut() {
		Console console = console(Console.Detail.QUIET);

		console.line("order-service", "2026-12-06T19:30:33.563Z  INFO 1 --- [order-service] [kafka-2] [] "
				+ "i.microshop.order.ordering.OrderJournal  : Order 27f0aaf0 confirmed");

		assertThat(lines()).isEmpty();
	}

	private Console console(Console.Detail detail) {
		return new Console(new PrintStream(this.printed, true, StandardCharsets.UTF_8), detail);
	}

	private String[] lines() {
		return this.printed.toString(StandardCharsets.UTF_8).lines().toArray(String[]::new);
	}

}
