package com.acme.feed;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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

  private final OrderRepository orders;
  private final CursorCodec cursors;

  OrdersController(OrderRepository orders, CursorCodec cursors) {
    this.orders = orders;
    this.cursors = cursors;
  }

  @GetMapping("/orders")
  public ResponseEntity<?> orders(
      @RequestParam(name = "status", required = false) String status,
      @RequestParam(name = "limit", required = false) String limit,
      @RequestParam(name = "cursor", required = false) String cursor) {
    int max = parseLimit(limit);
    OrderStatus filter = parseStatus(status);
    Cursor after = null;
    if (cursor != null) {
      after = cursors.decode(cursor);
      if (!Objects.equals(after.status(), filter)) {
        throw new BadRequestException("cursor: issued for another status filter");
      }
    }

    // One row more than the page holds tells whether a next page exists: a full last page gets no cursor.
    List<OrderRepository.Row> rows = orders.page(filter, after, max + 1);
    boolean more = rows.size() > max;
    List<OrderRepository.Row> shown = more ? rows.subList(0, max) : rows;

    List<OrderItem> items = new ArrayList<>(shown.size());
    for (OrderRepository.Row r : shown) {
      items.add(new OrderItem(r.id(), r.customer(), r.status(), r.totalCents(), r.createdAt().toString()));
    }
    String next = null;
    if (more) {
      OrderRepository.Row last = shown.get(shown.size() - 1);
      next = cursors.encode(new Cursor(last.createdAt(), last.id(), filter));
    }
    return ResponseEntity.ok(new OrderPage(items, next));
  }

  /** Absent: the default; else a whole number from 1 to 100, written in plain digits. */
  static int parseLimit(String limit) {
    if (limit == null) {
      return DEFAULT_LIMIT;
    }
    if (limit.isEmpty() || !limit.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new BadRequestException("limit: a whole number from 1 to " + MAX_LIMIT);
    }
    String digits = limit.replaceFirst("^0+(?=.)", "");
    if (digits.length() > 3) { // beyond 999, and far beyond int: never parsed, never wrapped
      throw new BadRequestException("limit: a whole number from 1 to " + MAX_LIMIT);
    }
    int value = Integer.parseInt(digits);
    if (value < 1 || value > MAX_LIMIT) {
      throw new BadRequestException("limit: a whole number from 1 to " + MAX_LIMIT);
    }
    return value;
  }

  static OrderStatus parseStatus(String status) {
    if (status == null) {
      return null;
    }
    OrderStatus parsed = OrderStatus.parse(status);
    if (parsed == null) {
      throw new BadRequestException("status: one of PENDING, PAID, SHIPPED, CANCELLED");
    }
    return parsed;
  }

  @ExceptionHandler(BadRequestException.class)
  ResponseEntity<Map<String, String>> badRequest(BadRequestException e) {
    return ResponseEntity.status(HttpStatus.BAD_REQUEST).body(Map.of("error", e.getMessage()));
  }
}
