package io.microshop.inventory.messaging;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where order events travel.
 *
 * @param topic the topic of all events of the order saga
 * @param partitions partitions of the topic when this service creates it
 * @param replicas replication factor of the topic when this service creates it
 */
@ConfigurationProperties("microshop.messaging")
public record MessagingProperties(@DefaultValue("order-events") String topic, @DefaultValue("3") int partitions,
		@DefaultValue("1") short replicas) {

}
