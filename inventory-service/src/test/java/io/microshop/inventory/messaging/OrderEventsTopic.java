package io.microshop.inventory.messaging;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Raw Kafka access to {@code order-events} and inventory's dead-letter topic, the way
 * another service sees them: a producer of JSON strings, a consumer that collects
 * everything published, and the group offsets of inventory.
 */
final class OrderEventsTopic implements AutoCloseable {

	static final String TOPIC = "order-events";

	static final String DEAD_LETTER_TOPIC = "order-events.inventory-service.dlt";

	private static final String INVENTORY_GROUP = "inventory-service";

	private final KafkaProducer<String, String> producer;

	private final KafkaConsumer<String, String> consumer;

	private final Admin admin;

	private final List<ConsumerRecord<String, String>> received = new ArrayList<>();

	/**
	 * Connects to the broker; both topics must exist, so create this once the application
	 * has started.
	 */
	OrderEventsTopic(String bootstrapServers) {
		this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
				new StringSerializer(), new StringSerializer());
		this.consumer = new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
						ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
				new StringDeserializer(), new StringDeserializer());
		// no group: read every partition of both topics from the start, without waiting
		// for a rebalance
		List<TopicPartition> partitions = Stream.of(TOPIC, DEAD_LETTER_TOPIC)
			.flatMap((topic) -> this.consumer.partitionsFor(topic).stream())
			.map((info) -> new TopicPartition(info.topic(), info.partition()))
			.toList();
		this.consumer.assign(partitions);
		this.consumer.seekToBeginning(partitions);
		this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
	}

	RecordMetadata send(UUID key, String json) {
		try {
			return this.producer.send(new ProducerRecord<>(TOPIC, key.toString(), json)).get();
		}
		catch (InterruptedException | ExecutionException ex) {
			throw new IllegalStateException("Could not send to " + TOPIC, ex);
		}
	}

	/**
	 * Everything received so far on the topic with the key, after one more poll.
	 */
	synchronized List<ConsumerRecord<String, String>> received(String topic, UUID key) {
		this.consumer.poll(Duration.ofMillis(200)).forEach(this.received::add);
		return this.received.stream()
			.filter((record) -> record.topic().equals(topic) && key.toString().equals(record.key()))
			.toList();
	}

	/**
	 * Whether inventory's consumer group has committed past the record, i.e. has finished
	 * processing it.
	 */
	boolean consumedByInventory(RecordMetadata sent) throws Exception {
		TopicPartition partition = new TopicPartition(sent.topic(), sent.partition());
		OffsetAndMetadata committed = this.admin.listConsumerGroupOffsets(INVENTORY_GROUP)
			.partitionsToOffsetAndMetadata()
			.get()
			.get(partition);
		return committed != null && committed.offset() > sent.offset();
	}

	@Override
	public void close() {
		this.producer.close();
		this.consumer.close();
		this.admin.close();
	}

}
