package com.acme.feed;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** GET /orders: one page of orders, newest first (README.md, "The API"). */
@RestController
public class OrdersController {

  static final int DEFAULT_LIMIT = 20;
  static final int MAX_LIMIT = 100;
  static final Set<String> STATUSES = Set.of("PENDING", "PAID", "SHIPPED", "CANCELLED");
  private static final Pattern DIGITS = Pattern.compile("[0-9]{1,9}");

  private final OrderRepository orders;
  private final CursorCodec cursors;

  public OrdersController(OrderRepository orders, CursorCodec cursors) {
    this.orders = orders;
    this.cursors = cursors;
  }

  @GetMapping("/orders")
  public ResponseEntity<?> orders(
      @RequestParam(name = "status", required = false) String status,
      @RequestParam(name = "limit", required = false) String limit,
      @RequestParam(name = "cursor", required = false) String cursor) {
    int pageSize = parseLimit(limit);
    String filter = parseStatus(status);
    Position after = cursor == null ? null : cursors.decode(cursor, filter);

    List<Order> rows = orders.page(filter, after, pageSize + 1);
    String next = null;
    if (rows.size() > pageSize) {
      rows = rows.subList(0, pageSize);
      Order last = rows.get(pageSize - 1);
      next = cursors.encode(filter, new Position(last.createdAt(), last.id()));
    }
    return ResponseEntity.ok(new Page(rows.stream().map(Order::toJson).toList(), next));
  }

  @ExceptionHandler(BadRequestException.class)
  public ResponseEntity<Map<String, String>> badRequest(BadRequestException e) {
    return ResponseEntity.status(HttpStatus.BAD_REQUEST).body(Map.of("error", e.getMessage()));
  }

  static int parseLimit(String limit) {
    if (limit == null) {
      return DEFAULT_LIMIT;
    }
    if (!DIGITS.matcher(limit).matches()) {
      throw new BadRequestException("limit must be a whole number from 1 to " + MAX_LIMIT);
    }
    int value = Integer.parseInt(limit);
    if (value < 1 || value > MAX_LIMIT) {
      throw new BadRequestException("limit must be a whole number from 1 to " + MAX_LIMIT);
    }
    return value;
  }

  static String parseStatus(String status) {
    if (status == null) {
      return null;
    }
    if (!STATUSES.contains(status)) {
      throw new BadRequestException("status must be one of " + STATUSES);
    }
    return status;
  }
}
