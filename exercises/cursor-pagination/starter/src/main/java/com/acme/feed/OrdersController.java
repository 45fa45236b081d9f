package com.acme.feed;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** GET /orders: one page of orders, newest first (README.md, "The API"). */
@RestController
public class OrdersController {

  private final JdbcTemplate jdbc;

  public OrdersController(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  @GetMapping("/orders")
  public ResponseEntity<?> orders(
      @RequestParam(name = "status", required = false) String status,
      @RequestParam(name = "limit", required = false) String limit,
      @RequestParam(name = "cursor", required = false) String cursor) {
    // TODO: return {"items": [...], "next_cursor": ...} as README.md describes.
    return ResponseEntity.status(HttpStatus.NOT_IMPLEMENTED).build();
  }
}
