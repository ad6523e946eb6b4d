-- One row per order event that calls for a notification; event_id makes redeliveries harmless.
create table notifications (
    id          uuid         primary key,
    event_id    uuid         not null constraint uk_notifications_event_id unique,
    order_id    uuid         not null,
    type        varchar(32)  not null,
    recipient   varchar(320) not null,
    channel     varchar(16)  not null,
    status      varchar(16)  not null,
    subject     varchar(255) not null,
    body        text         not null,
    created_at  timestamptz  not null,
    updated_at  timestamptz  not null
);

create index ix_notifications_order_id_created_at on notifications (order_id, created_at);

-- The order events this consumer group has acted on, written in the same transaction as the effect.
create table processed_events (
    event_id     uuid        primary key,
    processed_at timestamptz not null
);
