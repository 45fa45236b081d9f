package com.acme.feed;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * GET /orders: one page of orders, newest first (README.md, "The API"). Everything lives in this one class.
 *
 * <p>The cursor carries PostgreSQL's own text of the last listed created_at ({@code created_at::text}), which the
 * next query casts straight back to {@code timestamptz}, so no precision passes through Java at all. A cursor is
 * verified by issuing it again from the fields it decodes to and comparing the two strings: the encoding is
 * deterministic, so any changed character (including base64 padding bits) makes them differ.
 */
@RestController
public class OrdersController {

  private static final String SEP = "\n";

  private final JdbcTemplate jdbc;
  private final ObjectMapper json;
  private final SecretKeySpec key;

  public OrdersController(JdbcTemplate jdbc, ObjectMapper json) {
    this.jdbc = jdbc;
    this.json = json;
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    this.key = new SecretKeySpec(secret, "HmacSHA256");
  }

  private record Row(long id, String customer, String status, long totalCents, OffsetDateTime createdAt,
      String createdText) {}

  private record After(String createdText, long id) {}

  @GetMapping("/orders")
  public ResponseEntity<?> orders(
      @RequestParam(name = "status", required = false) String status,
      @RequestParam(name = "limit", required = false) String limit,
      @RequestParam(name = "cursor", required = false) String cursor) {
    int size;
    if (limit == null) {
      size = 20;
    } else if (limit.matches("[1-9][0-9]?|100")) {
      size = Integer.parseInt(limit);
    } else {
      return refuse("limit must be a whole number from 1 to 100");
    }
    if (status != null) {
      switch (status) {
        case "PENDING", "PAID", "SHIPPED", "CANCELLED" -> { }
        default -> {
          return refuse("unknown status");
        }
      }
    }
    After after = null;
    if (cursor != null) {
      after = verify(cursor, status == null ? "" : status);
      if (after == null) {
        return refuse("invalid cursor");
      }
    }

    List<Object> args = new ArrayList<>();
    StringBuilder sql = new StringBuilder(
        "SELECT id, customer, status, total_cents, created_at, created_at::text AS created_text FROM orders WHERE true");
    if (status != null) {
      sql.append(" AND status = ?");
      args.add(status);
    }
    if (after != null) {
      sql.append(" AND (created_at, id) < (?::timestamptz, ?)");
      args.add(after.createdText());
      args.add(after.id());
    }
    sql.append(" ORDER BY created_at DESC, id DESC LIMIT ?");
    args.add(size + 1);
    List<Row> rows = jdbc.query(sql.toString(), (rs, n) -> new Row(rs.getLong(1), rs.getString(2),
        rs.getString(3), rs.getLong(4), rs.getObject(5, OffsetDateTime.class), rs.getString(6)), args.toArray());

    ObjectNode page = json.createObjectNode();
    ArrayNode items = page.putArray("items");
    for (Row r : rows.subList(0, Math.min(size, rows.size()))) {
      items.addObject()
          .put("id", r.id())
          .put("customer", r.customer())
          .put("status", r.status())
          .put("total_cents", r.totalCents())
          .put("created_at", r.createdAt().toInstant().toString());
    }
    if (rows.size() > size) {
      Row last = rows.get(size - 1);
      page.put("next_cursor", issue(status == null ? "" : status, last.createdText(), last.id()));
    } else {
      page.putNull("next_cursor");
    }
    return ResponseEntity.ok(page);
  }

  private String issue(String status, String createdText, long id) {
    String payload = status + SEP + createdText + SEP + id;
    String body = Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes(StandardCharsets.UTF_8));
    return body + "~" + mac(body);
  }

  /** The position of a cursor this service issued for the same filter, or null. */
  private After verify(String cursor, String status) {
    int cut = cursor.indexOf('~');
    if (cut < 0) {
      return null;
    }
    String[] fields;
    try {
      fields = new String(Base64.getUrlDecoder().decode(cursor.substring(0, cut)), StandardCharsets.UTF_8)
          .split(SEP, -1);
    } catch (IllegalArgumentException notBase64) {
      return null;
    }
    if (fields.length != 3 || !fields[0].equals(status) || !fields[2].matches("-?[0-9]{1,19}")) {
      return null;
    }
    long id;
    try {
      id = Long.parseLong(fields[2]);
    } catch (NumberFormatException e) {
      return null;
    }
    byte[] expected = issue(fields[0], fields[1], id).getBytes(StandardCharsets.UTF_8);
    if (!MessageDigest.isEqual(expected, cursor.getBytes(StandardCharsets.UTF_8))) {
      return null;
    }
    return new After(fields[1], id);
  }

  private String mac(String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return Base64.getUrlEncoder().withoutPadding()
          .encodeToString(mac.doFinal(body.getBytes(StandardCharsets.US_ASCII)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static ResponseEntity<?> refuse(String why) {
    return ResponseEntity.badRequest().body(java.util.Map.of("error", why));
  }
}
