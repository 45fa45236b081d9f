package com.acme.feed;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** GET /orders: one page of orders, newest first (README.md, "The API"). */
@RestController
public class OrdersController {

  static final int DEFAULT_LIMIT = 20;
  static final int MAX_LIMIT = 100;
  private static final Set<String> STATUSES = Set.of("PENDING", "PAID", "SHIPPED", "CANCELLED");

  private final OrderQueries queries;
  private final Cursors cursors;

  public OrdersController(OrderQueries queries, Cursors cursors) {
    this.queries = queries;
    this.cursors = cursors;
  }

  /** One order as the API shows it. */
  public record OrderItem(
      long id,
      String customer,
      String status,
      @JsonProperty("total_cents") long totalCents,
      @JsonProperty("created_at") Instant createdAt) {}

  /** A page: its orders and the cursor of the next page (null on the last page). */
  public record Page(List<OrderItem> items, @JsonProperty("next_cursor") String nextCursor) {}

  /** The request's error, answered with 400. */
  public record Problem(String error) {}

  @GetMapping("/orders")
  public ResponseEntity<?> orders(
      @RequestParam(name = "status", required = false) String status,
      @RequestParam(name = "limit", required = false) String limit,
      @RequestParam(name = "cursor", required = false) String cursor) {
    if (status != null && !STATUSES.contains(status)) {
      return badRequest("status must be one of " + STATUSES);
    }
    int pageSize;
    if (limit == null) {
      pageSize = DEFAULT_LIMIT;
    } else {
      try {
        pageSize = Integer.parseInt(limit);
      } catch (NumberFormatException e) {
        return badRequest("limit must be a whole number from 1 to " + MAX_LIMIT);
      }
      if (pageSize < 1 || pageSize > MAX_LIMIT) {
        return badRequest("limit must be a whole number from 1 to " + MAX_LIMIT);
      }
    }
    Cursors.Position after = null;
    if (cursor != null) {
      after = cursors.decode(cursor, status);
      if (after == null) {
        return badRequest("cursor is not one this service issued for this status filter");
      }
    }
    // One row more than the page shows tells whether another page follows.
    List<OrderItem> rows = queries.page(status, after, pageSize + 1);
    String next = null;
    if (rows.size() > pageSize) {
      rows = rows.subList(0, pageSize);
      OrderItem last = rows.get(pageSize - 1);
      next = cursors.encode(status, new Cursors.Position(last.createdAt(), last.id()));
    }
    return ResponseEntity.ok(new Page(rows, next));
  }

  private static ResponseEntity<Problem> badRequest(String message) {
    return ResponseEntity.status(HttpStatus.BAD_REQUEST).body(new Problem(message));
  }
}
