package com.acme.feed;

import java.sql.ResultSet;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/** Reads orders newest first (created_at DESC, id DESC), keyset style: one statement per page. */
@Repository
class OrderRepository {

  /** An order row with its exact created_at (the cursor needs it to the microsecond). */
  record Row(long id, String customer, String status, long totalCents, Instant createdAt) {}

  private static final String COLUMNS = "SELECT id, customer, status, total_cents, created_at FROM orders";
  private static final String ORDER = " ORDER BY created_at DESC, id DESC LIMIT ?";

  private static final RowMapper<Row> ROW = (ResultSet rs, int n) -> new Row(
      rs.getLong("id"),
      rs.getString("customer"),
      rs.getString("status"),
      rs.getLong("total_cents"),
      rs.getObject("created_at", OffsetDateTime.class).toInstant());

  private final JdbcTemplate jdbc;

  OrderRepository(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * At most {@code max} orders of the status (any when null), newest first, that sort strictly after the order
   * {@code after} stands at (from the start when null). The order {@code after} names need not exist any more.
   */
  List<Row> page(OrderStatus status, Cursor after, int max) {
    StringBuilder sql = new StringBuilder(COLUMNS);
    List<Object> args = new ArrayList<>();
    List<String> where = new ArrayList<>();
    if (status != null) {
      where.add("status = ?");
      args.add(status.name());
    }
    if (after != null) {
      where.add("(created_at, id) < (?, ?)");
      args.add(OffsetDateTime.ofInstant(after.createdAt(), ZoneOffset.UTC));
      args.add(after.id());
    }
    if (!where.isEmpty()) {
      sql.append(" WHERE ").append(String.join(" AND ", where));
    }
    sql.append(ORDER);
    args.add(max);
    return jdbc.query(sql.toString(), ROW, args.toArray());
  }
}
