package io.microshop.inventory.messaging;

import org.apache.kafka.clients.admin.NewTopic;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

/**
 * The topic this service reads and writes. Its dead-letter topic and error handling come
 * from messaging-support ({@code microshop.dead-letters.*}).
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

}
