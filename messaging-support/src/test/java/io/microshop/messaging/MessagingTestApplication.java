package io.microshop.messaging;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.annotation.KafkaListener;

/**
 * An application with the messaging module, and one listener that dead-letters the
 * records it is told to refuse.
 */
@SpringBootApplication
class MessagingTestApplication {

	@Bean
	SourceListener sourceListener() {
		return new SourceListener();
	}

	static class SourceListener {

		final List<String> processed = new CopyOnWriteArrayList<>();

		volatile boolean refuseMalformed = true;

		@KafkaListener(topics = "${microshop.events.topic}")
		void on(String value) {
			if (this.refuseMalformed && value.startsWith("malformed")) {
				throw new MalformedMessageException("Cannot read " + value);
			}
			this.processed.add(value);
		}

	}

}
