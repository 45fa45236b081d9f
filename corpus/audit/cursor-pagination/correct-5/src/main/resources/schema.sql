-- The orders table (run at start-up: spring.sql.init.mode=always). Do not change it.
CREATE TABLE IF NOT EXISTS orders (
  id          bigint      PRIMARY KEY,
  customer    text        NOT NULL,
  status      text        NOT NULL CHECK (status IN ('PENDING', 'PAID', 'SHIPPED', 'CANCELLED')),
  total_cents bigint      NOT NULL,
  created_at  timestamptz NOT NULL
);
CREATE INDEX IF NOT EXISTS orders_newest_first ON orders (created_at DESC, id DESC);
CREATE INDEX IF NOT EXISTS orders_by_status_newest_first ON orders (status, created_at DESC, id DESC);
