-- The pending orders, oldest first: what the timeout check claims and the age gauge reads.
-- Partial, so it stays as small as the number of orders waiting for a stock answer
create index orders_pending_created_at_idx on orders (created_at) where status = 'PENDING';
