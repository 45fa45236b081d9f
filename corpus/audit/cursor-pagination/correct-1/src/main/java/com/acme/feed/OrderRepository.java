package com.acme.feed;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Keyset queries over the orders table: the database filters, orders and limits. */
@Repository
class OrderRepository {

  private final JdbcTemplate jdbc;

  OrderRepository(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** At most maxRows orders of the status (any when null) that sort strictly after the position (from the start when null). */
  List<Order> page(String status, Position after, int maxRows) {
    StringBuilder sql = new StringBuilder("SELECT id, customer, status, total_cents, created_at FROM orders");
    List<Object> args = new ArrayList<>();
    String glue = " WHERE ";
    if (status != null) {
      sql.append(glue).append("status = ?");
      args.add(status);
      glue = " AND ";
    }
    if (after != null) {
      sql.append(glue).append("(created_at, id) < (?, ?)");
      args.add(OffsetDateTime.ofInstant(after.createdAt(), ZoneOffset.UTC));
      args.add(after.id());
    }
    sql.append(" ORDER BY created_at DESC, id DESC LIMIT ?");
    args.add(maxRows);
    return jdbc.query(sql.toString(), (rs, n) -> new Order(
        rs.getLong("id"),
        rs.getString("customer"),
        rs.getString("status"),
        rs.getLong("total_cents"),
        rs.getObject("created_at", OffsetDateTime.class).toInstant()), args.toArray());
  }
}
