package io.microshop.messaging;

import io.micrometer.tracing.CurrentTraceContext;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Carries the trace of the change that wrote an outbox event over to its publishing: the
 * context of the current span (trace id, span id, sampling decision) is stored with the
 * event, and the relay sends the event with that context current, so the observed Kafka
 * template's producer span is a child of the span that wrote the event and puts the trace
 * on the record for the consumers: one order is one trace, through the outbox, with one
 * producer span for each event. The sampling decision is stored too, so an event of an
 * unsampled request stays unsampled.
 */
class TraceContexts {

	private static final CurrentTraceContext.Scope NO_SCOPE = () -> {
	};

	private final Tracer tracer;

	private final JsonMapper json;

	TraceContexts(Tracer tracer, JsonMapper json) {
		this.tracer = tracer;
		this.json = json;
	}

	/**
	 * The current trace context, to store with an event.
	 * @return it as JSON, or {@code null} outside a trace
	 */
	String current() {
		Span span = this.tracer.currentSpan();
		if (span == null) {
			return null;
		}
		TraceContext context = span.context();
		if (context.traceId().isEmpty() || context.spanId().isEmpty()) {
			return null;
		}
		return this.json.writeValueAsString(new Stored(context.traceId(), context.spanId(), context.sampled()));
	}

	/**
	 * Makes a stored context the current one, for sending its event: the send's span is
	 * its child. An event stored without one (written outside a trace, or before this
	 * version) is sent in a trace of its own.
	 * @param stored the stored context, or {@code null}
	 * @return the scope to close once the event is handed to Kafka
	 */
	CurrentTraceContext.Scope continuing(String stored) {
		Stored context = read(stored);
		if (context == null) {
			return NO_SCOPE;
		}
		return this.tracer.currentTraceContext()
			.newScope(this.tracer.traceContextBuilder()
				.traceId(context.traceId())
				.spanId(context.spanId())
				.sampled(context.sampled())
				.build());
	}

	private Stored read(String stored) {
		if (stored == null) {
			return null;
		}
		try {
			Stored context = this.json.readValue(stored, Stored.class);
			return (context.traceId() != null && context.spanId() != null) ? context : null;
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	private record Stored(String traceId, String spanId, Boolean sampled) {

	}

}
