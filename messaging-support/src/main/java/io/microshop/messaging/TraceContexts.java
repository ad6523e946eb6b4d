package io.microshop.messaging;

import java.util.LinkedHashMap;
import java.util.Map;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Carries the trace of the change that wrote an outbox event over to its publishing: the
 * current trace context is stored with the event, as the propagation headers Kafka would
 * carry ({@code traceparent}, {@code tracestate}), and the relay publishes the event in a
 * span continued from it. The observed Kafka template then puts the trace on the record,
 * so the consumers continue it: one order is one trace, through the outbox.
 */
class TraceContexts {

	private static final TypeReference<Map<String, String>> HEADERS = new TypeReference<>() {
	};

	private final Tracer tracer;

	private final Propagator propagator;

	private final JsonMapper json;

	TraceContexts(Tracer tracer, Propagator propagator, JsonMapper json) {
		this.tracer = tracer;
		this.propagator = propagator;
		this.json = json;
	}

	/**
	 * The current trace context, to store with an event.
	 * @return its propagation headers as JSON, or {@code null} outside a trace
	 */
	String current() {
		Span span = this.tracer.currentSpan();
		if (span == null || span.isNoop()) {
			return null;
		}
		Map<String, String> headers = new LinkedHashMap<>();
		this.propagator.inject(span.context(), headers, Map::put);
		return headers.isEmpty() ? null : this.json.writeValueAsString(headers);
	}

	/**
	 * Starts the span an event is published in: a child of the stored context, or a new
	 * trace for an event stored without one (written outside a trace, or before tracing).
	 * @param stored the stored propagation headers, or {@code null}
	 * @param topic the topic the event is published to
	 * @return the started span, to end once Kafka answered
	 */
	Span publishing(String stored, String topic) {
		Span.Builder span = (stored != null) ? this.propagator.extract(headers(stored), Map::get)
				: this.tracer.spanBuilder().setNoParent();
		return span.name("outbox publish " + topic)
			.kind(Span.Kind.PRODUCER)
			.tag("messaging.destination.name", topic)
			.start();
	}

	Tracer.SpanInScope inScope(Span span) {
		return this.tracer.withSpan(span);
	}

	private Map<String, String> headers(String stored) {
		try {
			return this.json.readValue(stored, HEADERS);
		}
		catch (JacksonException ex) {
			return Map.of();
		}
	}

}
