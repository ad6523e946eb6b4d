package io.microshop.messaging;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the outbox relay.
 *
 * @param pollInterval how often the relay looks for events when nothing wakes it: the
 * commit of a change wakes it at once, so this only bounds how late it notices events
 * written by another instance or left by a failed round
 * @param batchSize the most events claimed in one round
 * @param sendTimeout how long one round waits for Kafka to acknowledge its events
 * @param maxRetryInterval the longest pause between rounds while Kafka refuses events;
 * the pause starts at the poll interval and doubles up to this
 */
@ConfigurationProperties("microshop.outbox")
public record OutboxProperties(@DefaultValue("1s") Duration pollInterval, @DefaultValue("100") int batchSize,
		@DefaultValue("10s") Duration sendTimeout, @DefaultValue("8s") Duration maxRetryInterval) {

}
