-- Shipped by messaging-support and applied by each service that adds classpath:db/messaging to
-- spring.flyway.locations. Versions from 1000 up are this module's; a service's own
-- migrations stay below 1000.

-- Events waiting to be published. A row is inserted in the transaction of the change that
-- raised the event and deleted once Kafka has acknowledged it, so the table holds only what is
-- still on its way.
create table outbox_events (
    id              bigint generated always as identity primary key,
    topic           varchar(249) not null,
    -- the Kafka key; the events of one key are published in the order they were written
    message_key     text,
    payload         text,
    created_at      timestamptz  not null default now(),
    attempts        integer      not null default 0,
    last_attempt_at timestamptz,
    last_error      text
);

create index outbox_events_by_key on outbox_events (message_key, id);

-- Records this service's consumers gave up on, as read back from their dead-letter topic.
-- The topic keeps them too; this table is what an operator lists and replays.
create table dead_letters (
    id               bigint generated always as identity primary key,
    dead_letter_topic varchar(249) not null,
    source_topic     varchar(249) not null,
    source_partition integer      not null,
    source_offset    bigint       not null,
    message_key      text,
    payload          text,
    error_class      text,
    error_message    text,
    dead_at          timestamptz  not null default now(),
    replayed_at      timestamptz,
    constraint dead_letters_source_record unique (source_topic, source_partition, source_offset)
);

create index dead_letters_pending on dead_letters (id) where replayed_at is null;
