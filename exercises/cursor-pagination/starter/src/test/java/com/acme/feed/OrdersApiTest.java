package com.acme.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The visible tests: a first page, and a walk over a few pages. The grader's hidden tests check much more. */
class OrdersApiTest {

  private final TestService service = TestService.get();

  @BeforeEach
  void fiveOrders() throws Exception {
    service.clear();
    Instant t = Instant.parse("2025-03-01T09:30:00.123456Z");
    service.insert(11, "ada", "PAID", 1250, t);
    service.insert(12, "bob", "SHIPPED", 990, t.plusSeconds(60));
    service.insert(13, "cy", "PAID", 4100, t.plusSeconds(120));
    service.insert(14, "dee", "PENDING", 300, t);                  // same created_at as 11: 14 comes first
    service.insert(15, "eve", "PAID", 7800, t.minusSeconds(3600));
  }

  @Test
  void firstPageIsNewestFirst() throws Exception {
    TestService.Reply r = service.get("/orders?limit=3");
    assertEquals(200, r.status(), "GET /orders?limit=3");
    assertEquals(List.of(13L, 12L, 14L), ids(r), "the three newest orders, newest first");
    JsonAssert.hasText(r.json(), "next_cursor");
    assertEquals("2025-03-01T09:32:00.123456Z", r.json().get("items").get(0).get("created_at").asText());
    assertEquals(4100, r.json().get("items").get(0).get("total_cents").asLong());
  }

  @Test
  void walkingThePagesListsEveryOrderOnce() throws Exception {
    List<Long> all = new ArrayList<>();
    String query = "/orders?limit=2";
    int pages = 0;
    while (true) {
      TestService.Reply r = service.get(query);
      assertEquals(200, r.status(), "GET " + query);
      all.addAll(ids(r));
      pages++;
      assertTrue(pages <= 3, "5 orders, 2 a page: 3 pages");
      if (r.json().get("next_cursor").isNull()) {
        break;
      }
      query = "/orders?limit=2&cursor=" + URLEncoder.encode(r.json().get("next_cursor").asText(), StandardCharsets.UTF_8);
    }
    assertEquals(List.of(13L, 12L, 14L, 11L, 15L), all, "every order once, newest first, ties by id descending");

    TestService.Reply paid = service.get("/orders?status=PAID");
    assertEquals(200, paid.status(), "GET /orders?status=PAID");
    assertEquals(List.of(13L, 11L, 15L), ids(paid), "the PAID orders, newest first");
    assertTrue(paid.json().get("next_cursor").isNull(), "one page of PAID orders: next_cursor is null");

    assertEquals(400, service.get("/orders?limit=0").status(), "GET /orders?limit=0");
  }

  private static List<Long> ids(TestService.Reply r) {
    List<Long> ids = new ArrayList<>();
    r.json().get("items").forEach(item -> ids.add(item.get("id").asLong()));
    return ids;
  }

  /** A tiny assertion the tests above share. */
  static final class JsonAssert {
    static void hasText(com.fasterxml.jackson.databind.JsonNode json, String field) {
      assertTrue(json.hasNonNull(field) && json.get(field).isTextual(), field + " is a string");
    }
  }
}
