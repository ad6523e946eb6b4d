-- Every change of a product counts up its version: the ETag of GET /api/products/{sku}, so a client
-- can revalidate what it read (If-None-Match) instead of reading it again. Stock changes are
-- conditional UPDATEs (Products), each of which counts it up too.
alter table products add column version bigint not null default 0;
