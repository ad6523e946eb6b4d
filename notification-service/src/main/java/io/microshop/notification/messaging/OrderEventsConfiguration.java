package io.microshop.notification.messaging;

import org.apache.kafka.clients.admin.NewTopic;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

/**
 * The topic this consumer reads. What happens to a record it cannot process (retries,
 * then the dead-letter topic {@code <topic>.<group>.dlt}) is messaging-support's, set up
 * from {@code microshop.dead-letters.*}.
 */
@Configuration(proxyBeanMethods = false)
class OrderEventsConfiguration {

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

}
