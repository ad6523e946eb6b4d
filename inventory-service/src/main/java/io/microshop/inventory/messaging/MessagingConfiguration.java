package io.microshop.inventory.messaging;

import java.util.Map;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import tools.jackson.core.JacksonException;

import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.FixedBackOff;

/**
 * The topics this service writes to and what happens to an order event that cannot be
 * processed.
 */
@Configuration(proxyBeanMethods = false)
class MessagingConfiguration {

	@Bean
	NewTopic orderEventsTopic(MessagingProperties properties) {
		return TopicBuilder.name(properties.topic())
			.partitions(properties.partitions())
			.replicas(properties.replicas())
			.build();
	}

	@Bean
	NewTopic orderEventsDeadLetterTopic(MessagingProperties properties, KafkaProperties kafka) {
		return TopicBuilder.name(properties.deadLetterTopic(kafka.getConsumer().getGroupId()))
			.partitions(1)
			.replicas(properties.replicas())
			.build();
	}

	/**
	 * Retries a failing record with a bounded back-off, then publishes it to this group's
	 * dead-letter topic and moves on. Records that can never succeed (malformed JSON,
	 * missing fields) skip the retries.
	 */
	@Bean
	DefaultErrorHandler orderEventsErrorHandler(ProducerFactory<Object, Object> producerFactory,
			MessagingProperties properties, KafkaProperties kafka) {
		String deadLetterTopic = properties.deadLetterTopic(kafka.getConsumer().getGroupId());
		DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(deadLetterTemplate(producerFactory),
				(record, ex) -> new TopicPartition(deadLetterTopic, -1));
		FixedBackOff backOff = new FixedBackOff(properties.retryInterval().toMillis(), properties.maxRetries());
		DefaultErrorHandler errorHandler = new DefaultErrorHandler(recoverer, backOff);
		errorHandler.addNotRetryableExceptions(JacksonException.class, InvalidOrderEventException.class);
		return errorHandler;
	}

	/**
	 * A template that writes the failed record's value as the same string that was read:
	 * the shared template would JSON-encode it a second time. Not a bean, because a
	 * second {@link KafkaTemplate} bean would switch off the auto-configured one.
	 */
	private static KafkaTemplate<Object, Object> deadLetterTemplate(ProducerFactory<Object, Object> producerFactory) {
		return new KafkaTemplate<>(producerFactory,
				Map.of(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class));
	}

}
