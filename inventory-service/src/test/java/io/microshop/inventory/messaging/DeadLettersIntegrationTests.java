package io.microshop.inventory.messaging;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import io.microshop.inventory.InventoryServiceIntegrationTest;
import io.microshop.inventory.stock.Product;
import io.microshop.inventory.stock.StockManagement;
import io.microshop.messaging.EventsProperties;
import io.microshop.messaging.MalformedMessageException;
import io.microshop.testsupport.ListenerDeliveries;
import io.microshop.testsupport.TopicProbe;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;

import static io.microshop.inventory.messaging.OrderEvents.notJson;
import static io.microshop.inventory.messaging.OrderEvents.orderPlaced;
import static io.microshop.inventory.messaging.OrderEvents.orderPlacedWithoutLines;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A smoke test of inventory's dead-letter wiring: records its listener can never process
 * reach its dead-letter topic and its {@code dead_letters} table at once, and the records
 * behind them are processed. The dead-letter round trip itself (listing, replaying once)
 * is messaging-support's to test; who may list and replay is
 * {@code InventorySecurityTests}'.
 */
@InventoryServiceIntegrationTest
class DeadLettersIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	@Autowired
	private StockManagement stock;

	@Autowired
	private MeterRegistry meters;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private EventsProperties events;

	@Value("${spring.kafka.consumer.group-id}")
	private String group;

	private TopicProbe topic;

	@BeforeEach
	void openProbe() {
		this.topic = new TopicProbe(this.events.topic(), this.group);
	}

	@AfterEach
	void closeProbe() {
		this.topic.close();
	}

	@Test
	void deadLettersWhatCanNeverBeProcessedAtOnceAndCarriesOn() {
		String sku = newProduct(10);
		UUID orderId = UUID.randomUUID();
		String malformed = notJson(orderId);
		String withoutLines = orderPlacedWithoutLines(orderId);
		long failuresBefore = new ListenerDeliveries(this.meters).failed();

		this.topic.send(orderId, malformed);
		this.topic.send(orderId, null);
		this.topic.send(orderId, withoutLines);
		RecordMetadata next = this.topic.send(orderId, orderPlaced(orderId, sku + ":1"));

		// the record behind them was processed
		this.topic.awaitConsumed(next);
		assertThat(stockOf(sku)).containsExactly(9, 1);
		await().atMost(TIMEOUT)
			.untilAsserted(() -> assertThat(this.topic.deadLetters(orderId)).extracting(ConsumerRecord::value)
				.containsExactly(malformed, null, withoutLines));
		// one failed attempt each: a retried record fails once more per retry
		assertThat(new ListenerDeliveries(this.meters).failed() - failuresBefore).isEqualTo(3);
		// and stored for the operator, as malformed
		await().atMost(TIMEOUT)
			.untilAsserted(() -> assertThat(storedDeadLetters(orderId, "payload")).containsExactly(malformed, null,
					withoutLines));
		assertThat(storedDeadLetters(orderId, "error_class")).containsOnly(MalformedMessageException.class.getName());
	}

	/**
	 * A column of the order's dead letters in the {@code dead_letters} table.
	 */
	private List<String> storedDeadLetters(UUID orderId, String column) {
		return this.jdbc
			.sql("select %s from dead_letters where message_key = :key order by source_offset".formatted(column))
			.param("key", orderId.toString())
			.query(String.class)
			.list();
	}

	private String newProduct(int quantity) {
		String sku = "SKU-" + UUID.randomUUID();
		this.stock.createProduct(sku, "Widget", new BigDecimal("4.99"), quantity);
		return sku;
	}

	private List<Integer> stockOf(String sku) {
		Product product = this.stock.product(sku);
		return List.of(product.getAvailable(), product.getReserved());
	}

}
