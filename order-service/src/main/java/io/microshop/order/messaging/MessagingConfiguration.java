package io.microshop.order.messaging;

import io.microshop.order.config.OrderEventsProperties;
import org.apache.kafka.clients.admin.NewTopic;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

/**
 * The topic this service writes its events to. What happens to a record the listener
 * cannot process (retries, then the dead-letter topic) is messaging-support's, configured
 * by {@code microshop.dead-letters}.
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

}
