package io.microshop.notification.messaging;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code order-events} topic.
 *
 * @param topic the topic the order events travel on
 * @param partitions the partitions of the topic when this service creates it
 * @param replicas its replication factor
 */
@ConfigurationProperties("microshop.order-events")
record OrderEventsProperties(@DefaultValue("order-events") String topic, @DefaultValue("3") int partitions,
		@DefaultValue("1") short replicas) {

}
