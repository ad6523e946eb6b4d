-- Used by PgBench.java: the writes order-service makes to place an order with one line, in
-- one transaction as it makes them (the order, its line, and its OrderPlaced event in the
-- outbox), against copies of its tables in the schema "bench". A random 63-bit number is the
-- order's id (as a UUID) and its outbox key, so that inserts land all over the indexes as
-- random UUIDs do.
\set n random(1, 9223372036854775806)
BEGIN;
INSERT INTO bench.orders (id, status, customer_email, total, rejection_reason, created_at, updated_at, version)
  VALUES (lpad(to_hex(:n::bigint), 32, '0')::uuid, 'PENDING', 'bench@example.com', 9.50, NULL, now(), now(), 0);
INSERT INTO bench.order_lines (order_id, line_number, sku, quantity, unit_price)
  VALUES (lpad(to_hex(:n::bigint), 32, '0')::uuid, 0, 'BENCH-1', 1, 9.50);
INSERT INTO bench.outbox_events (topic, message_key, payload)
  VALUES ('order-events', lpad(to_hex(:n::bigint), 32, '0')::uuid::text,
    '{"eventId":"6a1f3f0e-5b7e-4d0a-9d7c-2f0c1b6f9e21","type":"OrderPlaced","occurredAt":"2026-12-01T00:00:00.000000Z","orderId":"'
      || lpad(to_hex(:n::bigint), 32, '0')::uuid || '","customerEmail":"bench@example.com","lines":[{"sku":"BENCH-1","quantity":1}],"total":9.50}');
COMMIT;
