package io.microshop.messaging;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.microshop.testsupport.ImportTestInfrastructure;
import io.microshop.testsupport.TestInfrastructure;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

@SpringBootTest(classes = MessagingTestApplication.class)
@ImportTestInfrastructure
class OutboxTests {

	@Autowired
	private Outbox outbox;

	@Autowired
	private OutboxRelay relay;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private PlatformTransactionManager transactionManager;

	@Autowired
	@Qualifier("messagingKafkaTemplate")
	private KafkaTemplate<String, String> messagingKafkaTemplate;

	private final List<KafkaConsumer<String, String>> consumers = new ArrayList<>();

	@AfterEach
	void relayRunsAgain() {
		this.relay.start();
		this.consumers.forEach(KafkaConsumer::close);
	}

	@Test
	void eventsArePublishedAfterTheCommitInTheOrderTheyWereWrittenPerKey() {
		String topic = uniqueTopic();
		KafkaConsumer<String, String> consumer = consumer(topic);
		inTransaction(() -> {
			for (int i = 1; i <= 5; i++) {
				this.outbox.append(topic, "order-a", Map.of("n", i));
				this.outbox.append(topic, "order-b", Map.of("n", i));
			}
		});
		// and a later transaction for one of the keys
		inTransaction(() -> this.outbox.append(topic, "order-a", Map.of("n", 6)));

		List<ConsumerRecord<String, String>> records = poll(consumer, 11);

		assertThat(values(records, "order-a")).containsExactly("{\"n\":1}", "{\"n\":2}", "{\"n\":3}", "{\"n\":4}",
				"{\"n\":5}", "{\"n\":6}");
		assertThat(values(records, "order-b")).containsExactly("{\"n\":1}", "{\"n\":2}", "{\"n\":3}", "{\"n\":4}",
				"{\"n\":5}");
		await().untilAsserted(() -> assertThat(waitingIn(topic)).isZero());
	}

	@Test
	void anEventOfATransactionThatRolledBackIsNeverPublished() {
		String topic = uniqueTopic();
		KafkaConsumer<String, String> consumer = consumer(topic);
		new TransactionTemplate(this.transactionManager).executeWithoutResult((transaction) -> {
			this.outbox.appendJson(topic, "order-a", "\"rolled back\"");
			transaction.setRollbackOnly();
		});
		inTransaction(() -> this.outbox.appendJson(topic, "order-a", "\"committed\""));

		// the committed event came after the rolled back one, on the same key
		assertThat(poll(consumer, 1)).extracting(ConsumerRecord::value).containsExactly("\"committed\"");
		assertThat(waitingIn(topic)).isZero();
	}

	@Test
	void anEventIsOnlyWrittenInATransaction() {
		assertThatIllegalStateException().isThrownBy(() -> this.outbox.append(uniqueTopic(), "order-a", Map.of()))
			.withMessageContaining("transaction");
	}

	@Test
	void eventsCommittedWhileNoRelayRunsArePublishedOnceOneStarts() {
		// a service that dies after its commit and before the publish: the event waits in
		// its database, and the relay of the restarted service publishes it
		String topic = uniqueTopic();
		KafkaConsumer<String, String> consumer = consumer(topic);
		this.relay.stop();
		inTransaction(() -> this.outbox.appendJson(topic, "order-a", "\"placed\""));
		inTransaction(() -> this.outbox.appendJson(topic, "order-a", "\"cancelled\""));
		assertThat(waitingIn(topic)).isEqualTo(2);

		this.relay.start();

		assertThat(poll(consumer, 2)).extracting(ConsumerRecord::value).containsExactly("\"placed\"", "\"cancelled\"");
		await().untilAsserted(() -> assertThat(waitingIn(topic)).isZero());
	}

	@Test
	void anEventKafkaRefusesIsRetriedAndHoldsBackOnlyTheLaterEventsOfItsKey() {
		String topic = uniqueTopic();
		KafkaConsumer<String, String> consumer = consumer(topic);
		// larger than the producer's max.request.size: Kafka refuses it, every time
		String tooLarge = "\"" + "x".repeat(1_100_000) + "\"";
		inTransaction(() -> {
			this.outbox.appendJson(topic, "order-a", tooLarge);
			this.outbox.appendJson(topic, "order-a", "\"after the refused one\"");
			this.outbox.appendJson(topic, "order-b", "\"other order\"");
		});

		assertThat(poll(consumer, 1)).extracting(ConsumerRecord::value).containsExactly("\"other order\"");
		await().untilAsserted(() -> assertThat(this.jdbc.sql(
				"select attempts, last_error from outbox_events where topic = :topic and message_key = 'order-a' order by id")
			.param("topic", topic)
			.query((rs, row) -> rs.getInt("attempts") + " " + rs.getString("last_error"))
			.list()).hasSize(2).first().asString().matches("[2-9]\\d* .*RecordTooLargeException.*"));

		// an operator removes the event that can never be published; the next one follows
		this.jdbc.sql("delete from outbox_events where topic = :topic and length(payload) > 1000000")
			.param("topic", topic)
			.update();
		assertThat(poll(consumer, 1)).extracting(ConsumerRecord::value).containsExactly("\"after the refused one\"");
	}

	@Test
	void theRelaysProducerWaitsForAllInSyncReplicasAndWritesEachEventOnce() {
		Map<String, Object> configuration = this.messagingKafkaTemplate.getProducerFactory()
			.getConfigurationProperties();
		assertThat(configuration).containsEntry(ProducerConfig.ACKS_CONFIG, "all")
			.containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true)
			.containsEntry(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 4000);
	}

	private void inTransaction(Runnable work) {
		new TransactionTemplate(this.transactionManager).executeWithoutResult((transaction) -> work.run());
	}

	private long waitingIn(String topic) {
		return this.jdbc.sql("select count(*) from outbox_events where topic = :topic")
			.param("topic", topic)
			.query(Long.class)
			.single();
	}

	private KafkaConsumer<String, String> consumer(String topic) {
		KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrapServers(),
						ConsumerConfig.GROUP_ID_CONFIG, "outbox-tests-" + UUID.randomUUID(),
						ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
				new StringDeserializer(), new StringDeserializer());
		consumer.subscribe(List.of(topic));
		this.consumers.add(consumer);
		return consumer;
	}

	private static List<ConsumerRecord<String, String>> poll(KafkaConsumer<String, String> consumer, int count) {
		List<ConsumerRecord<String, String>> records = new ArrayList<>();
		await().atMost(Duration.ofSeconds(30)).until(() -> {
			consumer.poll(Duration.ofMillis(200)).forEach(records::add);
			return records.size() >= count;
		});
		assertThat(records).hasSize(count);
		return records;
	}

	private static List<String> values(List<ConsumerRecord<String, String>> records, String key) {
		return records.stream().filter((record) -> key.equals(record.key())).map(ConsumerRecord::value).toList();
	}

	private static String uniqueTopic() {
		return "outbox-tests-" + UUID.randomUUID();
	}

}
