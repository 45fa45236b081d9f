package com.acme.feed;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.web.server.ResponseStatusException;

/** Builds pages with one keyset query: the (limit + 1)-th row only tells whether there is a next page. */
@Service
class OrderFeed {

  private static final DateTimeFormatter UTC_MICROS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSX").withZone(ZoneOffset.UTC);

  private final NamedParameterJdbcTemplate sql;
  private final CursorSigner signer;

  OrderFeed(NamedParameterJdbcTemplate sql, CursorSigner signer) {
    this.sql = sql;
    this.signer = signer;
  }

  Map<String, Object> page(PageQuery q) {
    byte statusCode = OrderStatus.codeOf(q.status());
    MapSqlParameterSource params = new MapSqlParameterSource("fetch", q.limit() + 1);
    List<String> where = new ArrayList<>();
    if (q.status() != null) {
      where.add("status = :status");
      params.addValue("status", q.status().name());
    }
    if (q.cursor() != null) {
      Keyset after;
      try {
        after = signer.verify(q.cursor());
      } catch (IllegalArgumentException refused) {
        throw new ResponseStatusException(HttpStatus.BAD_REQUEST, refused.getMessage());
      }
      if (after.statusCode() != statusCode) {
        throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "cursor issued for another status filter");
      }
      where.add("(created_at < :ts OR (created_at = :ts AND id < :id))");
      params.addValue("ts", fromMicros(after.createdMicros()));
      params.addValue("id", after.id());
    }
    String text = "SELECT id, customer, status, total_cents, created_at FROM orders"
        + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where))
        + " ORDER BY created_at DESC, id DESC LIMIT :fetch";

    List<Row> rows = sql.query(text, params, OrderFeed::row);
    boolean more = rows.size() > q.limit();
    List<Row> shown = more ? rows.subList(0, q.limit()) : rows;

    List<Map<String, Object>> items = new ArrayList<>(shown.size());
    for (Row r : shown) {
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("id", r.id);
      item.put("customer", r.customer);
      item.put("status", r.status);
      item.put("total_cents", r.totalCents);
      item.put("created_at", UTC_MICROS.format(r.createdAt));
      items.add(item);
    }
    String next = null;
    if (more) {
      Row last = shown.get(shown.size() - 1);
      next = signer.issue(new Keyset(statusCode, toMicros(last.createdAt), last.id));
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("items", items);
    body.put("next_cursor", next);
    return body;
  }

  private record Row(long id, String customer, String status, long totalCents, Instant createdAt) {}

  private static Row row(ResultSet rs, int n) throws SQLException {
    return new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getTimestamp(5).toInstant());
  }

  private static long toMicros(Instant t) {
    return ChronoUnit.MICROS.between(Instant.EPOCH, t);
  }

  private static OffsetDateTime fromMicros(long micros) {
    return Instant.EPOCH.plus(micros, ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
  }
}
