package com.acme.feed;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Reads one page with keyset pagination: one statement, ordered and limited by PostgreSQL, that asks for one row
 * more than the page holds to learn whether another page follows. The key (created_at, id) is unique, so the
 * position "strictly after the last order listed" stays meaningful whatever is inserted or deleted meanwhile.
 */
@Repository
class OrderFeed {

  /** Always six fraction digits, UTC, 'Z': 2025-03-01T09:30:00.123456Z. */
  private static final DateTimeFormatter MICROS = new DateTimeFormatterBuilder().appendInstant(6).toFormatter();

  private final JdbcTemplate jdbc;

  OrderFeed(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** A page's orders, and the position to continue after, or null when this is the last page. */
  record Slice(List<OrderItem> items, FeedPosition continuesAfter) {}

  Slice slice(StatusFilter filter, FeedPosition after, int limit) {
    StringBuilder sql = new StringBuilder(
        "SELECT id, customer, status, total_cents, created_at FROM orders");
    List<Object> args = new ArrayList<>(4);
    String glue = " WHERE ";
    if (filter.column != null) {
      sql.append(glue).append("status = ?");
      args.add(filter.column);
      glue = " AND ";
    }
    if (after != null) {
      sql.append(glue).append("(created_at, id) < (?, ?)");
      args.add(after.createdAt());
      args.add(after.id());
    }
    sql.append(" ORDER BY created_at DESC, id DESC LIMIT ?");
    args.add(limit + 1);

    List<Row> rows = jdbc.query(sql.toString(), OrderFeed::row, args.toArray());

    boolean more = rows.size() > limit;
    List<Row> shown = more ? rows.subList(0, limit) : rows;
    List<OrderItem> items = new ArrayList<>(shown.size());
    for (Row r : shown) {
      items.add(new OrderItem(r.id, r.customer, r.status, r.totalCents, MICROS.format(r.createdAt)));
    }
    FeedPosition next = null;
    if (more) {
      Row last = shown.get(shown.size() - 1);
      next = FeedPosition.of(last.createdAt, last.id);
    }
    return new Slice(items, next);
  }

  private record Row(long id, String customer, String status, long totalCents, Instant createdAt) {}

  private static Row row(ResultSet rs, int n) throws SQLException {
    return new Row(
        rs.getLong("id"),
        rs.getString("customer"),
        rs.getString("status"),
        rs.getLong("total_cents"),
        rs.getObject("created_at", OffsetDateTime.class).toInstant());
  }
}
