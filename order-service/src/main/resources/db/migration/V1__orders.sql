-- Money bounds: a unit price is below 10^10 (inventory-service accepts at most 10 integer
-- digits), so numeric(12, 2) holds it; a total is at most 50 lines x 10,000 units x
-- 9,999,999,999.99 = 4,999,999,999,995,000.00, below 10^16, so numeric(18, 2) (16 integer
-- digits) holds the total of every order the API accepts
create table orders (
    id               uuid primary key,
    status           varchar(16)    not null,
    customer_email   varchar(320)   not null,
    total            numeric(18, 2) not null,
    rejection_reason varchar(255),
    created_at       timestamp with time zone not null,
    updated_at       timestamp with time zone not null,
    version          bigint         not null
);

-- a customer's orders, newest first
create index orders_customer_email_created_at_idx on orders (customer_email, created_at desc);

create table order_lines (
    order_id    uuid           not null references orders (id) on delete cascade,
    line_number integer        not null,
    sku         varchar(64)    not null,
    quantity    integer        not null check (quantity > 0),
    unit_price  numeric(12, 2) not null,
    primary key (order_id, line_number)
);

-- ids of the foreign events already acted upon, written in the same transaction as the effect
create table processed_events (
    event_id     uuid primary key,
    processed_at timestamp with time zone not null
);
