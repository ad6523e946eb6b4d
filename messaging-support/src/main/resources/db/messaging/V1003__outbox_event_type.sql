-- The type of each event (its JSON's "type"), sent with it as the record header microshop-event-type,
-- so that a consumer tells an event it does not act on from the header, before reading or observing
-- it. Null for a value appended as it is (a replayed dead letter) and for events written before.
alter table outbox_events add column event_type text;

-- The trace context is now stored as {"traceId": "…", "spanId": "…", "sampled": true} (TraceContexts)
comment on column outbox_events.trace_context is 'The trace of the change that wrote the event, as JSON: traceId, spanId, sampled';
