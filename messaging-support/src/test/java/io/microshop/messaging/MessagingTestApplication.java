package io.microshop.messaging;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.annotation.KafkaListener;

/**
 * An application with the messaging module, set up as a service is, and one listener on
 * the events topic that dead-letters the records it is told to refuse and remembers the
 * trace it handled each record in.
 */
@SpringBootApplication
class MessagingTestApplication {

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

}
