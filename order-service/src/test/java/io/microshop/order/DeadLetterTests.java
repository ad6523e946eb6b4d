package io.microshop.order;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.microshop.messaging.EventsProperties;
import io.microshop.messaging.MalformedMessageException;
import io.microshop.testsupport.TopicProbe;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static io.microshop.order.OrderServiceFixture.PATIENCE;
import static io.microshop.order.OrderServiceFixture.stockReserved;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Records the service cannot process, through the running service: not JSON, without a
 * value, or an event it cannot read go to its dead-letter topic and its
 * {@code dead_letters} table without holding up the records behind them. Listing and
 * replaying dead letters is messaging-support's, tested there; that only the admin may is
 * tested by {@code OrderSecurityTests}.
 */
@OrderServiceIntegrationTest
class DeadLetterTests {

	@Autowired
	private OrderServiceFixture fixture;

	@Autowired
	private EventsProperties events;

	@Autowired
	private JdbcTemplate jdbc;

	@Test
	void aMalformedRecordGoesToTheDeadLetterTopicAndTheNextRecordIsStillProcessed() {
		TopicProbe orderEvents = this.fixture.events();
		UUID orderId = this.fixture.placeOrder();
		String unreadable = stockReserved(UUID.randomUUID(), "not-an-order-id");

		orderEvents.send(orderId, "{this is not json");
		orderEvents.send(orderId, null);
		orderEvents.send(orderId, unreadable);
		orderEvents.send(orderId, stockReserved(UUID.randomUUID(), orderId));

		assertThat(orderEvents.awaitDeadLetter(orderId).value()).isEqualTo("{this is not json");
		this.fixture.awaitStatus(orderId, "CONFIRMED");
		await().atMost(PATIENCE).pollInSameThread().until(() -> orderEvents.deadLetters(orderId).size() == 3);
		assertThat(orderEvents.deadLetters(orderId)).extracting(ConsumerRecord::value)
			.containsExactly("{this is not json", null, unreadable);
		await().atMost(PATIENCE).until(() -> deadLetters(orderId).size() == 3);
		assertThat(deadLetters(orderId)).allSatisfy((deadLetter) -> {
			assertThat(deadLetter).containsEntry("source_topic", this.events.topic());
			assertThat(deadLetter).containsEntry("error_class", MalformedMessageException.class.getName());
		});
	}

	// the service's dead_letters rows of an order's records, in the order they came
	private List<Map<String, Object>> deadLetters(UUID orderId) {
		return this.jdbc.queryForList(
				"select source_topic, error_class from orders.dead_letters where message_key = ? order by source_offset",
				orderId.toString());
	}

}
