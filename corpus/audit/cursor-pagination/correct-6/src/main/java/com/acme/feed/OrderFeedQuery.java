package com.acme.feed;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The one statement behind a page, through Spring's {@link JdbcClient}: PostgreSQL filters, orders by
 * (created_at DESC, id DESC) and limits; the service only maps the rows it gets.
 */
@Component
public class OrderFeedQuery {

  private static final String COLUMNS = "SELECT id, customer, status, total_cents, created_at FROM orders";
  private static final String ORDER = " ORDER BY created_at DESC, id DESC LIMIT ?";

  private final JdbcClient jdbc;

  public OrderFeedQuery(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * At most {@code rows} orders of {@code status} (null: all) that come strictly after {@code after} (null: from the
   * newest) in the listing order. "After" is spelled out so the (created_at DESC, id DESC) indexes can bound the scan
   * with {@code created_at <= ?}: older, or the same instant with a smaller id.
   */
  public List<FeedPage.Item> newestFirst(String status, FeedCursor.Mark after, int rows) {
    List<String> where = new ArrayList<>(2);
    List<Object> args = new ArrayList<>(5);
    if (status != null) {
      where.add("status = ?");
      args.add(status);
    }
    if (after != null) {
      OffsetDateTime at = after.createdAt().atOffset(ZoneOffset.UTC);
      where.add("created_at <= ? AND (created_at < ? OR id < ?)");
      args.add(at);
      args.add(at);
      args.add(after.id());
    }
    args.add(rows);
    String sql = COLUMNS + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where)) + ORDER;
    return jdbc.sql(sql).params(args).query(OrderFeedQuery::item).list();
  }

  private static FeedPage.Item item(ResultSet rs, int n) throws SQLException {
    return FeedPage.Item.of(
        rs.getLong("id"),
        rs.getString("customer"),
        rs.getString("status"),
        rs.getLong("total_cents"),
        rs.getObject("created_at", OffsetDateTime.class).toInstant());
  }
}
