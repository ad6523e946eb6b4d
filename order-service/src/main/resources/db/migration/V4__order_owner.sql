-- API v2: an order belongs to the customer it is for (customer_email, the verified email of
-- their token; ADR 0010), and records who placed it: the subject (sub) of the token, the
-- customer or an admin ordering for them. Orders placed before identity existed keep their
-- owner, and nobody is known to have placed them: placed_by stays null for them.
alter table orders add column placed_by varchar(255);

-- every order, newest first: what an admin lists without naming a customer
create index orders_created_at_idx on orders (created_at desc, id desc);
