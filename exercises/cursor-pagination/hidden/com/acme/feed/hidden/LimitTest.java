package com.acme.feed.hidden;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.grader.support.Seeds;
import java.math.BigInteger;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The limit (1 to 100, 20 by default) and the status parameter. */
@Tag("validation")
@ExtendWith(Api.StopAtEnd.class)
class LimitTest {

  @Test
  void theLimitDefaultsTo20AndGoesUpTo100() throws Exception {
    Random random = Seeds.random("limits");
    Data data = new Data(random);
    Api api = Api.get();
    api.replaceOrders(data.spread(150 + random.nextInt(50), i -> data.anyStatus()));
    assertEquals(20, api.page(null, null, null, "GET /orders without limit").ids().size(),
        "GET /orders without limit over more than 100 orders: the page size");
    for (int limit : List.of(1, 100, 2 + random.nextInt(98))) {
      assertEquals(limit, api.page(null, limit, null, "GET /orders?limit=" + limit).ids().size(),
          "GET /orders?limit=" + limit + " over more than 100 orders: the page size");
    }
  }

  @Test
  void limitsOutside1To100AreRefusedWith400() throws Exception {
    Random random = Seeds.random("bad-limits");
    Data data = new Data(random);
    Api api = Api.get();
    api.replaceOrders(data.spread(120, i -> data.anyStatus()));
    // Numbers beyond an int (and a long) whose low bits are 1 to 100: a limit read into a wider type and cut to an
    // int on the way would take them for a valid one.
    long low = 1 + random.nextInt(100);
    List<String> limits = List.of("0", "-1", "101", String.valueOf(102 + random.nextInt(1000)), "abc", "7.5",
        String.valueOf((1L << 32) + low), String.valueOf(low - (1L << 32)),
        BigInteger.ONE.shiftLeft(64).add(BigInteger.valueOf(low)).toString());
    for (String limit : limits) {
      Api.Reply r = api.orders(Api.params(null, limit, null));
      assertEquals(400, r.status(), () -> "GET /orders?limit=" + limit + " answered " + r.status()
          + "; expected 400 (limit is a whole number from 1 to 100)");
    }
  }

  @Test
  void anUnknownStatusIsRefusedWith400() throws Exception {
    Random random = Seeds.random("bad-status");
    Data data = new Data(random);
    Api api = Api.get();
    api.replaceOrders(data.spread(40, i -> data.anyStatus()));
    for (String status : List.of("DELIVERED", "paid", "PAID ")) {
      Api.Reply r = api.orders(Api.params(status, 5, null));
      assertEquals(400, r.status(), () -> "GET /orders?status=" + status.strip() + " (" + status.length()
          + " characters) answered " + r.status() + "; expected 400 (status is one of PENDING, PAID, SHIPPED,"
          + " CANCELLED, exactly)");
    }
  }
}
