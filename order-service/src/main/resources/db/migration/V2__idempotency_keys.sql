-- The Idempotency-Key of POST /api/orders: the order first placed with each key and a
-- fingerprint (SHA-256, hex) of the request that placed it. The primary key, not a
-- lookup, decides between concurrent retries of one request. Keys are kept forever for
-- now; expiring old keys is left to a cleanup job of a later issue
create table idempotency_keys (
    idempotency_key     varchar(128) primary key,
    request_fingerprint char(64)     not null,
    order_id            uuid         not null references orders (id),
    created_at          timestamp with time zone not null
);
