-- The order database. Fixed: the tests build this schema themselves.
create table supplier (
  id      bigint primary key,
  name    varchar(100) not null,
  country char(2)      not null
);

create table product (
  id          bigint primary key,
  sku         varchar(20)  not null unique,
  name        varchar(200) not null,
  supplier_id bigint       not null references supplier (id)
);

create table customer (
  id    bigint primary key,
  name  varchar(200) not null,
  email varchar(200) not null
);

create table orders (
  id          bigint primary key,
  customer_id bigint                   not null references customer (id),
  placed_at   timestamp with time zone not null,
  status      varchar(20)              not null
);
create index orders_newest_first on orders (placed_at desc, id desc);
create index orders_customer on orders (customer_id);

create table order_line (
  id               bigint primary key,
  order_id         bigint not null references orders (id),
  line_no          int    not null,
  product_id       bigint not null references product (id),
  quantity         int    not null,
  unit_price_cents bigint not null,
  unique (order_id, line_no)
);
create index order_line_product on order_line (product_id);

create table payment (
  id           bigint primary key,
  order_id     bigint                   not null references orders (id),
  amount_cents bigint                   not null,
  paid_at      timestamp with time zone not null,
  method       varchar(20)              not null
);
create index payment_order on payment (order_id);
