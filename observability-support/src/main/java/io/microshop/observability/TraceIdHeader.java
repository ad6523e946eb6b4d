package io.microshop.observability;

import java.util.Optional;

import io.micrometer.observation.Observation;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.handler.TracingObservationHandler.TracingContext;

/**
 * The response header that names the trace of a request, so that a client can look its
 * request up in Zipkin ({@code /zipkin/traces/<id>}): the gateway sets it on every
 * response, joining the trace of a {@code traceparent} the client sent, and each service
 * on its own port.
 */
public final class TraceIdHeader {

	/**
	 * The header's name.
	 */
	public static final String NAME = "X-Trace-Id";

	private TraceIdHeader() {
	}

	/**
	 * The trace id of the span an observation of a request started.
	 * @param observation the request's observation context, if the request is observed
	 * @return the trace id (32 hexadecimal digits), or empty if the request is not traced
	 */
	static Optional<String> traceId(Optional<? extends Observation.Context> observation) {
		return observation.map((context) -> context.<TracingContext>get(TracingContext.class))
			.map(TracingContext::getSpan)
			.filter((span) -> !span.isNoop())
			.map(Span::context)
			.map((context) -> context.traceId());
	}

}
