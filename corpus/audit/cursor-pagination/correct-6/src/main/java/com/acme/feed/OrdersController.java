package com.acme.feed;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * GET /orders: one page of orders, newest first (README.md, "The API").
 *
 * <p>Parsing never throws: each parameter is read into a {@link Query} or a refusal, and only a valid query reaches
 * the database.
 */
@RestController
public class OrdersController {

  static final int DEFAULT_LIMIT = 20;
  private static final BigInteger ONE = BigInteger.ONE;
  private static final BigInteger MAX = BigInteger.valueOf(100);

  private final OrderFeedQuery feed;
  private final FeedCursor cursors;

  public OrdersController(OrderFeedQuery feed, FeedCursor cursors) {
    this.feed = feed;
    this.cursors = cursors;
  }

  /** A request that passed every check: the filter (null: none), the page size and where to continue (null: top). */
  record Query(String status, int limit, FeedCursor.Mark after) {}

  @GetMapping("/orders")
  public ResponseEntity<?> orders(@RequestParam MultiValueMap<String, String> params) {
    for (String name : List.of("status", "limit", "cursor")) {
      List<String> values = params.get(name);
      if (values != null && values.size() > 1) {
        return refuse(name + " is given more than once");
      }
    }
    String status = params.getFirst("status");
    if (status != null && !FeedCursor.STATUSES.contains(status)) {
      return refuse("status must be one of " + FeedCursor.STATUSES);
    }
    Integer limit = parseLimit(params.getFirst("limit"));
    if (limit == null) {
      return refuse("limit must be a whole number from 1 to 100");
    }
    FeedCursor.Mark after = null;
    String cursor = params.getFirst("cursor");
    if (cursor != null) {
      after = cursors.open(cursor, status);
      if (after == null) {
        return refuse("cursor was not issued by this service for this status filter");
      }
    }
    return ResponseEntity.ok(page(new Query(status, limit, after)));
  }

  private FeedPage page(Query q) {
    List<FeedPage.Item> rows = feed.newestFirst(q.status(), q.after(), q.limit() + 1);
    if (rows.size() <= q.limit()) {
      return new FeedPage(rows, null); // nothing beyond this page: the walk ends here
    }
    List<FeedPage.Item> shown = rows.subList(0, q.limit());
    FeedPage.Item last = shown.get(shown.size() - 1);
    return new FeedPage(shown, cursors.issue(q.status(), new FeedCursor.Mark(last.createdAtInstant(), last.id())));
  }

  /** Absent: the default; otherwise ASCII digits only, whose value is 1..100; anything else: null. */
  static Integer parseLimit(String raw) {
    if (raw == null) {
      return DEFAULT_LIMIT;
    }
    if (raw.isEmpty() || !raw.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return null;
    }
    BigInteger value = new BigInteger(raw);
    return value.compareTo(ONE) < 0 || value.compareTo(MAX) > 0 ? null : value.intValue();
  }

  private static ResponseEntity<Map<String, String>> refuse(String why) {
    return ResponseEntity.badRequest().body(Map.of("error", why));
  }
}
