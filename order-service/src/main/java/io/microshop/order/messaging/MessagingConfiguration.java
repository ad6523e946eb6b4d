package io.microshop.order.messaging;

import java.util.Map;

import io.microshop.order.config.OrderEventsProperties;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.ExponentialBackOffWithMaxRetries;

/**
 * The topics this service writes to, and what happens to a record the listener cannot
 * process: a few retries with back-off (none for a malformed record), then the consumer
 * group's dead-letter topic, and the consumer moves on.
 */
@Configuration(proxyBeanMethods = false)
class MessagingConfiguration {

	@Bean
	NewTopic orderEventsTopic(OrderEventsProperties properties) {
		return TopicBuilder.name(properties.topic())
			.partitions(properties.partitions())
			.replicas(properties.replicas())
			.build();
	}

	@Bean
	NewTopic deadLetterTopic(OrderEventsProperties properties, KafkaProperties kafka) {
		return TopicBuilder.name(properties.deadLetterTopic(kafka.getConsumer().getGroupId()))
			.partitions(1)
			.replicas(properties.replicas())
			.build();
	}

	// The listener reads values as strings and dead letters keep them verbatim (the main
	// template would write them as JSON strings). Not a default candidate, so that Boot
	// still provides its own producer factory and template.
	@Bean(defaultCandidate = false)
	@SuppressWarnings("unchecked")
	ProducerFactory<String, String> deadLetterProducerFactory(ProducerFactory<Object, Object> producerFactory) {
		return (ProducerFactory<String, String>) (ProducerFactory<?, ?>) producerFactory.copyWithConfigurationOverride(
				Map.of(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class));
	}

	@Bean
	DefaultErrorHandler orderEventsErrorHandler(OrderEventsProperties properties, KafkaProperties kafka,
			@Qualifier("deadLetterProducerFactory") ProducerFactory<String, String> deadLetters) {
		String deadLetterTopic = properties.deadLetterTopic(kafka.getConsumer().getGroupId());
		// A negative partition lets Kafka choose: the dead-letter topic has fewer
		// partitions
		DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(new KafkaTemplate<>(deadLetters),
				(record, ex) -> new TopicPartition(deadLetterTopic, -1));
		ExponentialBackOffWithMaxRetries backOff = new ExponentialBackOffWithMaxRetries(3);
		backOff.setInitialInterval(500);
		backOff.setMultiplier(2);
		DefaultErrorHandler handler = new DefaultErrorHandler(recoverer, backOff);
		handler.addNotRetryableExceptions(MalformedEventException.class);
		return handler;
	}

}
