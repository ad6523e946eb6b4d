package io.microshop.messaging;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.support.KafkaHeaders;

/**
 * Reads this service's dead-letter topics back into its {@code dead_letters} table, once
 * per dead-lettered record: the record's place in its source topic, from the headers the
 * dead-letter recoverer wrote, is unique.
 */
class DeadLetterStore {

	private static final Logger logger = LoggerFactory.getLogger(DeadLetterStore.class);

	private final JdbcClient jdbc;

	DeadLetterStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void store(ConsumerRecord<String, String> record) {
		String sourceTopic = header(record, KafkaHeaders.DLT_ORIGINAL_TOPIC,
				(bytes) -> new String(bytes, StandardCharsets.UTF_8), record.topic());
		int sourcePartition = header(record, KafkaHeaders.DLT_ORIGINAL_PARTITION,
				(bytes) -> ByteBuffer.wrap(bytes).getInt(), record.partition());
		long sourceOffset = header(record, KafkaHeaders.DLT_ORIGINAL_OFFSET,
				(bytes) -> ByteBuffer.wrap(bytes).getLong(), record.offset());
		String errorClass = header(record, KafkaHeaders.DLT_EXCEPTION_CAUSE_FQCN,
				(bytes) -> new String(bytes, StandardCharsets.UTF_8), header(record, KafkaHeaders.DLT_EXCEPTION_FQCN,
						(bytes) -> new String(bytes, StandardCharsets.UTF_8), null));
		String errorMessage = header(record, KafkaHeaders.DLT_EXCEPTION_MESSAGE,
				(bytes) -> new String(bytes, StandardCharsets.UTF_8), null);
		int stored = this.jdbc
			.sql("""
					insert into dead_letters (dead_letter_topic, source_topic, source_partition, source_offset,
							message_key, payload, error_class, error_message)
					values (:topic, :sourceTopic, :sourcePartition, :sourceOffset, :key, :payload, :errorClass, :errorMessage)
					on conflict (source_topic, source_partition, source_offset) do nothing
					""")
			.param("topic", record.topic())
			.param("sourceTopic", sourceTopic)
			.param("sourcePartition", sourcePartition)
			.param("sourceOffset", sourceOffset)
			.param("key", record.key())
			.param("payload", record.value())
			.param("errorClass", errorClass)
			.param("errorMessage", errorMessage)
			.update();
		if (stored == 1) {
			logger.warn("Dead letter from {}-{}@{}: {}: {}", sourceTopic, sourcePartition, sourceOffset, errorClass,
					errorMessage);
		}
	}

	private static <T> T header(ConsumerRecord<?, ?> record, String name, Function<byte[], T> read, T otherwise) {
		Header header = record.headers().lastHeader(name);
		return (header != null && header.value() != null) ? read.apply(header.value()) : otherwise;
	}

}
