package io.microshop.testsupport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.awaitility.Awaitility.await;

/**
 * Raw access to the events topic and a consumer group's dead-letter topic, as another
 * service sees them: writes records as another service would, reads every record of both
 * topics from the beginning, and tells when the group has got past a record. Both topics
 * must exist, so open a probe once the application under test has started; close it after
 * each test.
 */
public final class TopicProbe implements AutoCloseable {

	private static final Duration PATIENCE = Duration.ofSeconds(30);

	private final JsonMapper json = JsonMapper.builder().build();

	private final String topic;

	private final String deadLetterTopic;

	private final String group;

	private final KafkaProducer<String, String> producer;

	private final KafkaConsumer<String, String> consumer;

	private final Admin admin;

	private final List<ConsumerRecord<String, String>> records = new ArrayList<>();

	/**
	 * Opens a probe of a topic as read by a consumer group.
	 * @param topic the topic the group reads
	 * @param group the consumer group, whose dead-letter topic is
	 * {@code <topic>.<group>.dlt}
	 */
	public TopicProbe(String topic, String group) {
		this.topic = topic;
		this.group = group;
		this.deadLetterTopic = topic + "." + group + ".dlt";
		String bootstrapServers = TestInfrastructure.kafkaBootstrapServers();
		this.producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers, ProducerConfig.ACKS_CONFIG, "all"),
				new StringSerializer(), new StringSerializer());
		this.consumer = new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
						ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
				new StringDeserializer(), new StringDeserializer());
		// no group of its own: every partition of both topics from the start, without
		// waiting
		// for a rebalance
		List<TopicPartition> partitions = Stream.of(this.topic, this.deadLetterTopic)
			.flatMap((name) -> this.consumer.partitionsFor(name).stream())
			.map((info) -> new TopicPartition(info.topic(), info.partition()))
			.toList();
		this.consumer.assign(partitions);
		this.consumer.seekToBeginning(partitions);
		this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
	}

	/**
	 * Writes a record to the topic.
	 * @param key the record's key (for the saga's events, the order id)
	 * @param value the record's value, {@code null} for none
	 * @return where it was written
	 */
	public RecordMetadata send(Object key, String value) {
		try {
			return this.producer.send(new ProducerRecord<>(this.topic, key.toString(), value)).get();
		}
		catch (InterruptedException | ExecutionException ex) {
			throw new IllegalStateException("Could not write to " + this.topic, ex);
		}
	}

	/**
	 * Waits until the consumer group has committed past a record, so it has handled it
	 * (acted on it, skipped it, or dead-lettered it).
	 * @param record where the record was written
	 */
	public void awaitConsumed(RecordMetadata record) {
		TopicPartition partition = new TopicPartition(record.topic(), record.partition());
		await().atMost(PATIENCE).until(() -> {
			OffsetAndMetadata committed = this.admin.listConsumerGroupOffsets(this.group)
				.partitionsToOffsetAndMetadata()
				.get()
				.get(partition);
			return committed != null && committed.offset() > record.offset();
		});
	}

	/**
	 * The records of the topic with a key read so far, after reading what is new.
	 * @param key the records' key
	 * @return the records, in the order of the topic
	 */
	public List<ConsumerRecord<String, String>> records(Object key) {
		return received(this.topic, key);
	}

	/**
	 * The values of the topic's records with a key, whatever they hold.
	 * @param key the records' key
	 * @return the values, in the order of the topic
	 */
	public List<String> values(Object key) {
		return records(key).stream().map(ConsumerRecord::value).toList();
	}

	/**
	 * The events of a type among the topic's records with a key.
	 * @param key the records' key
	 * @param type the value of the events' {@code "type"} field
	 * @return the events' JSON
	 */
	public List<JsonNode> events(Object key, String type) {
		return values(key).stream()
			.map(this::readOrNull)
			.filter((event) -> event != null && type.equals(event.path("type").asString("")))
			.toList();
	}

	// the topic may hold records that are not events (the tests write malformed ones)
	private JsonNode readOrNull(String value) {
		if (value == null) {
			return null;
		}
		try {
			return this.json.readTree(value);
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	/**
	 * Waits for the first event of a type with a key.
	 * @param key the event's key
	 * @param type the event's type
	 * @return its JSON
	 */
	public JsonNode awaitEvent(Object key, String type) {
		await().pollInSameThread().atMost(PATIENCE).until(() -> !events(key, type).isEmpty());
		return events(key, type).get(0);
	}

	/**
	 * The names of the headers of the topic's records with a key read so far.
	 * @param key the records' key
	 * @return the header names
	 */
	public List<String> headerNames(Object key) {
		return records(key).stream()
			.flatMap((record) -> Arrays.stream(record.headers().toArray()))
			.map(Header::key)
			.toList();
	}

	/**
	 * The records of the group's dead-letter topic with a key, after reading what is new.
	 * @param key the records' key
	 * @return the records
	 */
	public List<ConsumerRecord<String, String>> deadLetters(Object key) {
		return received(this.deadLetterTopic, key);
	}

	/**
	 * Waits for a record with a key on the group's dead-letter topic.
	 * @param key the record's key
	 * @return the first such record
	 */
	public ConsumerRecord<String, String> awaitDeadLetter(Object key) {
		await().pollInSameThread().atMost(PATIENCE).until(() -> !deadLetters(key).isEmpty());
		return deadLetters(key).get(0);
	}

	/**
	 * The name of the group's dead-letter topic.
	 * @return {@code <topic>.<group>.dlt}
	 */
	public String deadLetterTopic() {
		return this.deadLetterTopic;
	}

	private synchronized List<ConsumerRecord<String, String>> received(String topic, Object key) {
		this.consumer.poll(Duration.ofMillis(200)).forEach(this.records::add);
		return this.records.stream()
			.filter((record) -> record.topic().equals(topic) && key.toString().equals(record.key()))
			.toList();
	}

	@Override
	public void close() {
		this.producer.close();
		this.consumer.close();
		this.admin.close();
	}

}
