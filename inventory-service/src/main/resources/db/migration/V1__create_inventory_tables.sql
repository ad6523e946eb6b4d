-- Stock levels change only through atomic conditional UPDATEs, so the CHECKs below are the
-- last line of defence against overselling, and no optimistic-locking version column is needed.
create table products (
    sku        varchar(64)    not null primary key,
    name       varchar(200)   not null,
    price      numeric(12, 2) not null check (price > 0),
    available  integer        not null check (available >= 0),
    reserved   integer        not null check (reserved >= 0),
    created_at timestamptz    not null,
    updated_at timestamptz    not null
);

-- One row per order that inventory has heard of; the primary key makes reserving an order a one-time act.
create table reservations (
    order_id   uuid        not null primary key,
    status     varchar(16) not null check (status in ('RESERVED', 'RELEASED', 'REJECTED')),
    created_at timestamptz not null,
    updated_at timestamptz not null
);

-- Exactly what a reservation holds, so a cancellation gives back no more and no less.
create table reservation_lines (
    order_id uuid        not null references reservations (order_id),
    sku      varchar(64) not null references products (sku),
    quantity integer     not null check (quantity > 0),
    primary key (order_id, sku)
);

create index reservation_lines_sku_idx on reservation_lines (sku);

-- Event ids of order-events records already handled, written in the same transaction as their effect.
create table processed_events (
    event_id     uuid        not null primary key,
    processed_at timestamptz not null
);
