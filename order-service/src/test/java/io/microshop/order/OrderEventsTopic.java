package io.microshop.order;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

import io.microshop.testsupport.TestInfrastructure;
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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.awaitility.Awaitility.await;

/**
 * Raw access to {@code order-events} and the service's dead-letter topic, as another
 * service sees them: reads every record from the beginning, writes records as inventory
 * would, and tells when the service's consumer group has got past a record.
 */
final class OrderEventsTopic implements AutoCloseable {

	static final String TOPIC = "order-events";

	static final String DEAD_LETTERS = "order-events.order-service.dlt";

	private static final Duration PATIENCE = Duration.ofSeconds(20);

	private final JsonMapper json = JsonMapper.builder().build();

	private final KafkaConsumer<String, String> consumer;

	private final KafkaProducer<String, String> producer;

	private final Admin admin;

	private final List<ConsumerRecord<String, String>> records = new ArrayList<>();

	OrderEventsTopic() {
		String bootstrapServers = TestInfrastructure.kafkaBootstrapServers();
		this.consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
				new StringDeserializer(), new StringDeserializer());
		this.producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers, ProducerConfig.ACKS_CONFIG, "all"),
				new StringSerializer(), new StringSerializer());
		this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
		List<TopicPartition> partitions = new ArrayList<>();
		for (String topic : List.of(TOPIC, DEAD_LETTERS)) {
			this.consumer.partitionsFor(topic)
				.forEach((partition) -> partitions.add(new TopicPartition(topic, partition.partition())));
		}
		this.consumer.assign(partitions);
		this.consumer.seekToBeginning(partitions);
	}

	/**
	 * Waits for the first event of a type about an order.
	 * @param orderId the order
	 * @param type the event type
	 * @return the event's JSON
	 */
	JsonNode awaitEvent(UUID orderId, String type) {
		await().pollInSameThread().atMost(PATIENCE).until(() -> !events(orderId, type).isEmpty());
		return events(orderId, type).get(0);
	}

	/**
	 * The events of a type about an order read so far, after reading what is new.
	 * @param orderId the order
	 * @param type the event type
	 * @return the events' JSON
	 */
	List<JsonNode> events(UUID orderId, String type) {
		poll();
		return this.records.stream()
			.filter((record) -> record.topic().equals(TOPIC) && orderId.toString().equals(record.key()))
			.map((record) -> this.json.readTree(record.value()))
			.filter((event) -> type.equals(event.path("type").asString("")))
			.toList();
	}

	/**
	 * The values of all records about an order read so far, whatever they hold, after
	 * reading what is new.
	 * @param orderId the order
	 * @return the values, in the order of the topic
	 */
	List<String> values(UUID orderId) {
		poll();
		return this.records.stream()
			.filter((record) -> record.topic().equals(TOPIC) && orderId.toString().equals(record.key()))
			.map(ConsumerRecord::value)
			.toList();
	}

	/**
	 * The records on the dead-letter topic with a key, after reading what is new.
	 * @param key the records' key
	 * @return their values
	 */
	List<String> deadLetters(String key) {
		poll();
		return this.records.stream()
			.filter((record) -> record.topic().equals(DEAD_LETTERS) && key.equals(record.key()))
			.map(ConsumerRecord::value)
			.toList();
	}

	/**
	 * The names of the headers of the records about an order read so far.
	 * @param orderId the order
	 * @return the header names
	 */
	List<String> headerNames(UUID orderId) {
		return this.records.stream()
			.filter((record) -> record.topic().equals(TOPIC) && orderId.toString().equals(record.key()))
			.flatMap((record) -> Arrays.stream(record.headers().toArray()))
			.map(Header::key)
			.toList();
	}

	/**
	 * Waits for a record on the dead-letter topic.
	 * @param key the record's key
	 * @return its value
	 */
	String awaitDeadLetter(String key) {
		await().pollInSameThread().atMost(PATIENCE).until(() -> deadLetter(key) != null);
		return deadLetter(key);
	}

	private String deadLetter(String key) {
		return deadLetters(key).stream().findFirst().orElse(null);
	}

	/**
	 * Writes a record to {@code order-events}, keyed like every order event.
	 * @param orderId the order the record is about
	 * @param value the record's value
	 * @return where it was written
	 */
	RecordMetadata send(UUID orderId, String value) {
		try {
			return this.producer.send(new ProducerRecord<>(TOPIC, orderId.toString(), value)).get();
		}
		catch (InterruptedException | ExecutionException ex) {
			throw new IllegalStateException("Could not write to " + TOPIC, ex);
		}
	}

	/**
	 * Waits until the service's consumer group has committed past a record, so it has
	 * handled it.
	 * @param record the record
	 */
	void awaitConsumed(RecordMetadata record) {
		TopicPartition partition = new TopicPartition(record.topic(), record.partition());
		await().atMost(PATIENCE).until(() -> {
			OffsetAndMetadata committed = this.admin.listConsumerGroupOffsets("order-service")
				.partitionsToOffsetAndMetadata()
				.get()
				.get(partition);
			return committed != null && committed.offset() > record.offset();
		});
	}

	private void poll() {
		this.consumer.poll(Duration.ofMillis(200)).forEach(this.records::add);
	}

	@Override
	public void close() {
		this.consumer.close();
		this.producer.close();
		this.admin.close();
	}

}
