package io.microshop.messaging;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What happens to a record a listener cannot process: it is retried, then published to
 * the dead-letter topic of the service's consumer group, {@code <topic>.<group>.dlt},
 * which the service reads back into its {@code dead_letters} table.
 *
 * @param retries how often a failing record is retried before it is dead-lettered (a
 * malformed record is not retried)
 * @param initialInterval the pause before the first retry, doubled for each next one
 * @param partitions partitions of each dead-letter topic
 * @param replicas replicas of each dead-letter topic
 */
@ConfigurationProperties("microshop.dead-letters")
public record DeadLetterProperties(@DefaultValue("3") int retries, @DefaultValue("500ms") Duration initialInterval,
		@DefaultValue("1") int partitions, @DefaultValue("1") short replicas) {

	/**
	 * The dead-letter topic of a consumer group's records from a topic.
	 * @param sourceTopic the topic the record was read from
	 * @param groupId the consumer group that gave up on it
	 * @return the name of the dead-letter topic
	 */
	public static String deadLetterTopic(String sourceTopic, String groupId) {
		return sourceTopic + "." + groupId + ".dlt";
	}

}
