package io.microshop.messaging;

import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.kafka.annotation.KafkaListener;

/**
 * The listener on this service's dead-letter topics, in a consumer group of its own.
 */
class DeadLetterStoreListener {

	/**
	 * The listener's id, and the prefix of its containers'.
	 */
	static final String ID = "dead-letter-store";

	private final DeadLetterStore store;

	private final List<String> topics;

	private final String groupId;

	DeadLetterStoreListener(DeadLetterStore store, List<String> topics, String groupId) {
		this.store = store;
		this.topics = topics;
		this.groupId = groupId;
	}

	public String[] getTopics() {
		return this.topics.toArray(String[]::new);
	}

	public String getGroupId() {
		return this.groupId;
	}

	@KafkaListener(id = ID, topics = "#{__listener.topics}", groupId = "#{__listener.groupId}",
			containerFactory = "deadLetterStoreContainerFactory", properties = "auto.offset.reset=earliest")
	void on(ConsumerRecord<String, String> record) {
		this.store.store(record);
	}

}
