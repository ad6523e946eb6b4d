-- The trace of the change that wrote an event, as the propagation headers Kafka carries
-- ({"traceparent": "00-…", "tracestate": "…"}): the relay publishes the event in a span continued
-- from it, so that an order is one trace through the outbox. Null for an event written outside a
-- trace, or before tracing.
alter table outbox_events add column trace_context text;
