package com.acme.feed;

import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** GET /orders: one page of orders, newest first (README.md, "The API"). */
@RestController
public class OrdersController {

  private final OrderFeed feed;
  private final CursorSigner signer;

  public OrdersController(OrderFeed feed, CursorSigner signer) {
    this.feed = feed;
    this.signer = signer;
  }

  @GetMapping("/orders")
  public ResponseEntity<Page> orders(
      @RequestParam(name = "status", required = false) String status,
      @RequestParam(name = "limit", required = false) String limit,
      @RequestParam(name = "cursor", required = false) String cursor) {
    StatusFilter filter = StatusFilter.parse(status);
    int pageSize = PageLimit.parse(limit);
    FeedPosition after = cursor == null ? null : signer.open(cursor, filter);

    OrderFeed.Slice slice = feed.slice(filter, after, pageSize);
    String next = slice.continuesAfter() == null ? null : signer.seal(slice.continuesAfter(), filter);
    return ResponseEntity.ok(new Page(slice.items(), next));
  }

  @ExceptionHandler(BadRequest.class)
  public ResponseEntity<Map<String, String>> badRequest(BadRequest e) {
    return ResponseEntity.badRequest().body(Map.of("error", e.getMessage()));
  }
}
