package io.microshop.localstack;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;

/**
 * Waits until, in each service's consumer group, every partition of the topic the
 * services exchange their events on has an owner. Until then an event (an order placed)
 * waits unread, so the system is not up yet: the first order would wait for the group to
 * form rather than be confirmed at once.
 */
final class EventConsumers {

	static final String TOPIC = "order-events";

	private EventConsumers() {
	}

	/**
	 * Waits until each group owns every partition of {@link #TOPIC}.
	 * @param bootstrapServers the broker
	 * @param groups the consumer groups: each service's name
	 * @param timeout how long to wait at most
	 * @throws StartupException naming the groups that still miss partitions at the
	 * deadline
	 */
	static void await(String bootstrapServers, Collection<String> groups, Duration timeout) {
		Instant deadline = Instant.now().plus(timeout);
		Set<String> waiting = new TreeSet<>(groups);
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
				AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
				3000))) {
			while (true) {
				try {
					int partitions = admin.describeTopics(List.of(TOPIC))
						.allTopicNames()
						.get()
						.get(TOPIC)
						.partitions()
						.size();
					admin.describeConsumerGroups(waiting).all().get().forEach((group, description) -> {
						if (owned(description) == partitions) {
							waiting.remove(group);
						}
					});
					if (waiting.isEmpty()) {
						return;
					}
				}
				catch (ExecutionException ex) {
					// the topic or the coordinator is not there yet: asked again below
				}
				if (Instant.now().isAfter(deadline)) {
					throw new StartupException("the Kafka listeners of " + String.join(", ", waiting)
							+ " were not given every partition of " + TOPIC + " within " + timeout.toSeconds() + " s");
				}
				Thread.sleep(250);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for the Kafka listeners", ex);
		}
	}

	private static long owned(ConsumerGroupDescription group) {
		return group.members()
			.stream()
			.flatMap((member) -> member.assignment().topicPartitions().stream())
			.filter((partition) -> partition.topic().equals(TOPIC))
			.distinct()
			.count();
	}

}
