package com.acme.feed.hidden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.grader.support.Seeds;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Walking the pages: every order once, newest first, ties by id; the last page; the filter; the fields. */
@Tag("results")
@ExtendWith(Api.StopAtEnd.class)
class WalkTest {

  @Test
  void everyOrderOnceNewestFirstWithTiesById() throws Exception {
    Random random = Seeds.random("walk-ties");
    Data data = new Data(random);
    List<Order> orders = data.withTies(110 + random.nextInt(40));
    Api api = Api.get();
    api.replaceOrders(orders);
    // The limit changes from page to page; every group of equal times is longer than a page, so pages end inside it.
    Walks.Walk walk = Walks.walk(api, null, () -> 3 + random.nextInt(Data.MAX_WALK_LIMIT - 2), orders.size(), null,
        "walking " + orders.size() + " orders, many sharing one created_at");
    String difference = Walks.difference(Data.idsNewestFirst(orders), walk.ids());
    assertNull(difference, () -> "walking all orders in groups of 10 to 14 that share one created_at, with limits"
        + " from 3 to 9: " + difference + " (orders are sorted by created_at descending, ties by id descending, and"
        + " each page continues exactly where the one before ended)");
  }

  @Test
  void microsecondsOrderOrdersWithinOneMillisecond() throws Exception {
    Random random = Seeds.random("walk-micros");
    Data data = new Data(random);
    List<Order> orders = data.withinMilliseconds(90 + random.nextInt(30));
    Api api = Api.get();
    api.replaceOrders(orders);
    int limit = 3 + random.nextInt(Data.MAX_WALK_LIMIT - 2);
    Walks.Walk walk = Walks.walk(api, null, () -> limit, orders.size(), null, "walking orders within milliseconds");
    String difference = Walks.difference(Data.idsNewestFirst(orders), walk.ids());
    assertNull(difference, () -> "walking orders whose created_at differ only in their microseconds, " + limit
        + " a page: " + difference + " (created_at is kept to the microsecond, in the order and in the cursor)");
  }

  @Test
  void nextCursorIsNullExactlyOnTheLastPage() throws Exception {
    Random random = Seeds.random("last-page");
    Data data = new Data(random);
    int limit = 4 + random.nextInt(6);
    int fullPages = 3 + random.nextInt(4);
    // PAID: exactly fullPages pages of limit; SHIPPED: one order more than that.
    List<Order> orders = new ArrayList<>(data.spread(limit * fullPages, i -> "PAID"));
    orders.addAll(data.spread(limit * fullPages + 1, i -> "SHIPPED"));
    Api api = Api.get();
    api.replaceOrders(orders);
    for (String status : List.of("PAID", "SHIPPED")) {
      int count = (int) orders.stream().filter(o -> o.status().equals(status)).count();
      int expectedPages = (count + limit - 1) / limit;
      Walks.Walk walk = Walks.walk(api, status, () -> limit, expectedPages, null, "walking " + count + " orders");
      assertEquals(expectedPages, walk.pages().size(), () -> "walking " + count + " orders with limit " + limit
          + " took " + walk.pages().size() + " pages; expected " + expectedPages + ": next_cursor is null exactly on"
          + " the last page, also when that page is full");
      for (int p = 0; p < walk.pages().size(); p++) {
        Api.Page page = walk.pages().get(p);
        assertTrue(page.hasNextCursorField(), "a page without the next_cursor field (it is null on the last page)");
        if (p < walk.pages().size() - 1) {
          assertNotNull(page.nextCursor(), "page " + (p + 1) + " of " + expectedPages + " had no next_cursor");
        }
        assertTrue(!page.ids().isEmpty(), "page " + (p + 1) + " of a walk over " + count + " orders was empty");
      }
      assertNull(Walks.difference(Data.idsNewestFirst(orders.stream().filter(o -> o.status().equals(status)).toList()),
          walk.ids()), "walking " + count + " orders of one status did not list each once, newest first");
    }
  }

  @Test
  void theStatusFilterHoldsOnEveryPage() throws Exception {
    Random random = Seeds.random("filter");
    Data data = new Data(random);
    List<Order> orders = data.spread(160 + random.nextInt(60), i -> data.anyStatus());
    Api api = Api.get();
    api.replaceOrders(orders);
    for (String status : Data.STATUSES) {
      List<Order> wanted = orders.stream().filter(o -> o.status().equals(status)).toList();
      int limit = 3 + random.nextInt(5);
      Walks.Walk walk = Walks.walk(api, status, () -> limit, wanted.size() / limit + 1, null, "walking status=" + status);
      String difference = Walks.difference(Data.idsNewestFirst(wanted), walk.ids());
      assertNull(difference, () -> "walking status=" + status + " (" + wanted.size() + " of " + orders.size()
          + " orders), " + limit + " a page: " + difference + " (every page holds only orders of the requested"
          + " status)");
    }
  }

  @Test
  void itemsCarryTheDocumentedFields() throws Exception {
    Random random = Seeds.random("fields");
    Data data = new Data(random);
    List<Order> orders = data.withinMilliseconds(12);
    Api api = Api.get();
    api.replaceOrders(orders);
    Map<Long, Order> byId = orders.stream().collect(Collectors.toMap(Order::id, Function.identity()));
    Api.Reply reply = api.orders(Api.params(null, 5, null));
    assertEquals(200, reply.status(), () -> "GET /orders?limit=5 answered " + reply.status());
    assertNotNull(reply.json(), "GET /orders did not answer JSON");
    assertEquals(Set.of("items", "next_cursor"), fields(reply.json()), "the fields of a page");
    Iterator<JsonNode> items = reply.json().get("items").elements();
    int n = 0;
    while (items.hasNext()) {
      JsonNode item = items.next();
      n++;
      assertEquals(Set.of("id", "customer", "status", "total_cents", "created_at"), fields(item),
          "the fields of an order on a page");
      Order o = byId.get(item.get("id").asLong());
      assertNotNull(o, "an order on the page has an id that is not in the table");
      assertEquals(o.customer(), item.get("customer").asText(), "an order's customer");
      assertEquals(o.status(), item.get("status").asText(), "an order's status");
      assertTrue(item.get("total_cents").isIntegralNumber(), "total_cents is a whole number of cents");
      assertEquals(o.totalCents(), item.get("total_cents").asLong(), "an order's total_cents");
      JsonNode createdAt = item.get("created_at");
      if (!createdAt.isTextual()) {
        fail("created_at is an ISO-8601 instant in UTC as a JSON string (like 2025-03-01T09:30:00.123456Z); got "
            + createdAt.getNodeType());
      }
      try {
        assertEquals(o.createdAt(), Instant.parse(createdAt.asText()),
            "an order's created_at, to the microsecond, as an ISO-8601 instant in UTC");
      } catch (DateTimeParseException e) {
        fail("created_at is an ISO-8601 instant in UTC (like 2025-03-01T09:30:00.123456Z); got a string that is not");
      }
    }
    assertEquals(5, n, "GET /orders?limit=5 over 12 orders listed " + n + " orders");
  }

  private static Set<String> fields(JsonNode node) {
    Set<String> names = new TreeSet<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
