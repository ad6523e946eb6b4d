package io.microshop.order;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import io.microshop.messaging.OutboxRelay;
import io.microshop.testsupport.TopicProbe;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static io.microshop.order.OrderServiceFixture.PATIENCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Order events go out through the transactional outbox: an event committed with its
 * change is published even when nothing publishes at the time of the commit, as when the
 * service dies right after it. Stopping the relay stands in for the dead service,
 * starting it for the restart.
 */
@OrderServiceIntegrationTest
class OutboxPublishingTests {

	private final JsonMapper json = JsonMapper.builder().build();

	@Autowired
	private OrderServiceFixture fixture;

	@Autowired
	private OutboxRelay relay;

	@Autowired
	private JdbcTemplate jdbc;

	@Test
	void aServiceThatDiesBetweenItsDatabaseCommitAndThePublishStillPublishesAfterRestart() {
		TopicProbe orderEvents = this.fixture.events();
		UUID orderId;
		JsonNode waiting;
		this.relay.stop();
		try {
			orderId = this.fixture.placeOrder();

			// committed with the order, and not published while nothing publishes
			await().during(Duration.ofSeconds(1))
				.atMost(PATIENCE)
				.pollInSameThread()
				.until(() -> outboxed(orderId).size() == 1 && orderEvents.values(orderId).isEmpty());
			waiting = this.json.readTree(outboxed(orderId).get(0));
			assertThat(waiting.get("type").asString()).isEqualTo("OrderPlaced");
			assertThat(waiting.get("orderId").asString()).isEqualTo(orderId.toString());
		}
		finally {
			this.relay.start();
		}

		JsonNode published = orderEvents.awaitEvent(orderId, "OrderPlaced");
		assertThat(published).isEqualTo(waiting);
		await().atMost(PATIENCE)
			.until(() -> this.jdbc.queryForObject("select count(*) from orders.outbox_events", Long.class) == 0);
		assertThat(this.fixture.get(orderId).get("status").asString()).isEqualTo("PENDING");
		assertThat(orderEvents.values(orderId)).hasSize(1);
	}

	private List<String> outboxed(UUID orderId) {
		return this.jdbc.queryForList("select payload from orders.outbox_events where message_key = ? order by id",
				String.class, orderId.toString());
	}

}
