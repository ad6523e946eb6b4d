package io.microshop.notification.messaging;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code order-events} topic and how failed records are retried.
 *
 * @param topic the topic the order events travel on
 * @param partitions the partitions of the topic and of its dead-letter topic when this
 * service creates them
 * @param replicas their replication factor
 * @param retryInterval the pause between two attempts at a failed record
 * @param retries how often a failed record is retried before it goes to the dead-letter
 * topic
 */
@ConfigurationProperties("microshop.order-events")
record OrderEventsProperties(@DefaultValue("order-events") String topic, @DefaultValue("3") int partitions,
		@DefaultValue("1") short replicas, @DefaultValue("1s") Duration retryInterval,
		@DefaultValue("3") long retries) {

}
