package io.microshop.notification.messaging;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.FixedBackOff;

/**
 * The topics this consumer needs and what happens to a record it cannot process: a few
 * retries, then the dead-letter topic {@code <topic>.<group>.dlt}, and on to the next
 * one.
 */
@Configuration(proxyBeanMethods = false)
class OrderEventsConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(OrderEventsConfiguration.class);

	/**
	 * Declared here too, so that this consumer can start before any producer created it.
	 */
	@Bean
	NewTopic orderEventsTopic(OrderEventsProperties properties) {
		return TopicBuilder.name(properties.topic())
			.partitions(properties.partitions())
			.replicas(properties.replicas())
			.build();
	}

	@Bean
	NewTopic orderEventsDeadLetterTopic(OrderEventsProperties properties, KafkaProperties kafka) {
		return TopicBuilder.name(deadLetterTopic(properties, kafka))
			.partitions(properties.partitions())
			.replicas(properties.replicas())
			.build();
	}

	@Bean
	DefaultErrorHandler orderEventsErrorHandler(KafkaTemplate<?, ?> kafkaTemplate, OrderEventsProperties properties,
			KafkaProperties kafka) {
		String deadLetterTopic = deadLetterTopic(properties, kafka);
		// A negative partition lets the producer pick one: the dead-letter topic need not
		// have as many partitions as the topic
		DeadLetterPublishingRecoverer deadLetters = new DeadLetterPublishingRecoverer(kafkaTemplate,
				(record, ex) -> new TopicPartition(deadLetterTopic, -1));
		// The recoverer publishes silently; a dead-lettered event is worth an error in
		// the log
		ConsumerRecordRecoverer recoverer = (record, ex) -> {
			logger.error("Order event {}-{}@{} (order {}) could not be processed, sending it to {}: {}", record.topic(),
					record.partition(), record.offset(), record.key(), deadLetterTopic,
					NestedExceptionUtils.getMostSpecificCause(ex).getMessage());
			deadLetters.accept(record, ex);
		};
		DefaultErrorHandler errorHandler = new DefaultErrorHandler(recoverer,
				new FixedBackOff(properties.retryInterval().toMillis(), properties.retries()));
		errorHandler.addNotRetryableExceptions(MalformedEventException.class);
		return errorHandler;
	}

	private static String deadLetterTopic(OrderEventsProperties properties, KafkaProperties kafka) {
		return properties.topic() + "." + kafka.getConsumer().getGroupId() + ".dlt";
	}

}
