package com.acme.feed;

import com.acme.feed.OrdersController.OrderItem;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/** The keyset query behind a page. */
@Repository
public class OrderQueries {

  private static final RowMapper<OrderItem> ITEM = (rs, n) -> new OrderItem(
      rs.getLong("id"),
      rs.getString("customer"),
      rs.getString("status"),
      rs.getLong("total_cents"),
      rs.getTimestamp("created_at").toInstant());

  private final JdbcTemplate jdbc;

  public OrderQueries(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** At most {@code rows} orders of {@code status} (null: any), newest first, after {@code after} (null: from the top). */
  public List<OrderItem> page(String status, Cursors.Position after, int rows) {
    StringBuilder sql = new StringBuilder("SELECT id, customer, status, total_cents, created_at FROM orders WHERE true");
    List<Object> args = new ArrayList<>();
    if (status != null) {
      sql.append(" AND status = ?");
      args.add(status);
    }
    if (after != null) {
      sql.append(" AND (created_at, id) < (?, ?)");
      args.add(Timestamp.from(after.createdAt()));
      args.add(after.id());
    }
    sql.append(" ORDER BY created_at DESC, id DESC LIMIT ?");
    args.add(rows);
    return jdbc.query(sql.toString(), ITEM, args.toArray());
  }
}
