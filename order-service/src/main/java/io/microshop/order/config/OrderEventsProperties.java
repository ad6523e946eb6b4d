package io.microshop.order.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the order saga's events travel.
 *
 * @param topic the topic every event of every order is written to and read from
 * @param partitions partitions of the topic when this service creates it
 * @param replicas replication factor of the topic when this service creates it
 */
@ConfigurationProperties("microshop.order-events")
public record OrderEventsProperties(@DefaultValue("order-events") String topic, @DefaultValue("3") int partitions,
		@DefaultValue("1") short replicas) {

}
