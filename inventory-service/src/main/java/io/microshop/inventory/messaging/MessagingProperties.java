package io.microshop.inventory.messaging;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where order events travel and how hard a failing record is retried before it goes to
 * the dead-letter topic.
 *
 * @param topic the topic of all events of the order saga
 * @param partitions partitions of the topic when this service creates it
 * @param replicas replication factor of the topic when this service creates it
 * @param retryInterval pause between attempts at a failing record
 * @param maxRetries attempts after the first before the record is dead-lettered
 */
@ConfigurationProperties("microshop.messaging")
public record MessagingProperties(@DefaultValue("order-events") String topic, @DefaultValue("3") int partitions,
		@DefaultValue("1") short replicas, @DefaultValue("1s") Duration retryInterval,
		@DefaultValue("3") long maxRetries) {

	/**
	 * The dead-letter topic of one consumer group, {@code <topic>.<group>.dlt}.
	 * @param groupId the consumer group
	 * @return the topic name
	 */
	public String deadLetterTopic(String groupId) {
		return this.topic + "." + groupId + ".dlt";
	}

}
