package com.acme.feed;

import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** GET /orders: one page of orders, newest first (README.md, "The API"). */
@RestController
public class OrdersController {

  private final OrderFeed feed;

  public OrdersController(OrderFeed feed) {
    this.feed = feed;
  }

  @GetMapping("/orders")
  public Map<String, Object> orders(
      @RequestParam(name = "status", required = false) String status,
      @RequestParam(name = "limit", required = false) String limit,
      @RequestParam(name = "cursor", required = false) String cursor) {
    PageQuery query;
    try {
      query = PageQuery.parse(status, limit, cursor);
    } catch (IllegalArgumentException refused) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, refused.getMessage());
    }
    return feed.page(query);
  }
}
