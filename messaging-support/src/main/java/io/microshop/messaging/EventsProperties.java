package io.microshop.messaging;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The topic the services' events travel on: every event of the order saga, written by the
 * outbox relays and read by every service's listener. Each service declares it, so that
 * it can start before any other created it; its dead-letter topic is named after it.
 *
 * @param topic the topic's name
 * @param partitions its partitions when a service creates it: also how many consumers
 * each service runs ({@code spring.kafka.listener.concurrency})
 * @param replicas its replication factor when a service creates it
 */
@ConfigurationProperties("microshop.events")
public record EventsProperties(@DefaultValue("order-events") String topic, @DefaultValue("3") int partitions,
		@DefaultValue("1") short replicas) {

}
