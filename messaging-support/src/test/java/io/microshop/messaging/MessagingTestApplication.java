package io.microshop.messaging;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;

import org.apache.kafka.clients.admin.NewTopic;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.config.TopicBuilder;

/**
 * An application with the messaging module, set up as a service is, and one listener on
 * the events topic that dead-letters the records it is told to refuse and remembers the
 * trace it handled each record in; and a consumer of typed events on a topic of their
 * own, which acts on one type and skips the others, as the services' consumers do.
 */
@SpringBootApplication
class MessagingTestApplication {

	static final String TYPED_TOPIC = "typed-events";

	static final String TYPED_LISTENER = "typed-events-listener";

	@Bean
	NewTopic typedEventsTopic() {
		return TopicBuilder.name(TYPED_TOPIC).partitions(1).build();
	}

	@Bean
	TypedListener typedListener(EventDispatcher.Builder events) {
		return new TypedListener(events);
	}

	@Bean
	SourceListener sourceListener(Tracer tracer) {
		return new SourceListener(tracer);
	}

	static class SourceListener {

		final List<String> processed = new CopyOnWriteArrayList<>();

		// the trace each value was handled in
		final Map<String, String> traces = new ConcurrentHashMap<>();

		volatile boolean refuseMalformed = true;

		private final Tracer tracer;

		SourceListener(Tracer tracer) {
			this.tracer = tracer;
		}

		@KafkaListener(topics = "${microshop.events.topic}")
		void on(String value) {
			if (this.refuseMalformed && value.startsWith("malformed")) {
				throw new MalformedMessageException("Cannot read " + value);
			}
			Span span = this.tracer.currentSpan();
			if (span != null) {
				this.traces.put(value, span.context().traceId());
			}
			this.processed.add(value);
		}

	}

	static class TypedListener {

		final List<String> handled = new CopyOnWriteArrayList<>();

		private final EventDispatcher events;

		TypedListener(EventDispatcher.Builder events) {
			this.events = events.on("Wanted", Wanted.class, (wanted) -> this.handled.add(wanted.id())).build();
		}

		@KafkaListener(id = TYPED_LISTENER, topics = TYPED_TOPIC, groupId = "messaging-tests-typed")
		void on(String value) {
			this.events.dispatch(value);
		}

		record Wanted(String id) {

		}

	}

}
