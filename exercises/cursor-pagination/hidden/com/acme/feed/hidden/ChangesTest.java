package com.acme.feed.hidden;

import static org.junit.jupiter.api.Assertions.assertNull;

import dev.grader.support.Seeds;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Orders inserted and deleted between two page requests never make a walk skip or repeat an order. */
@Tag("changes")
@ExtendWith(Api.StopAtEnd.class)
class ChangesTest {

  @Test
  void ordersInsertedDuringTheWalkNeitherShiftNorRepeatIt() throws Exception {
    Random random = Seeds.random("inserts");
    Data data = new Data(random);
    List<Order> orders = new ArrayList<>(data.withTies(70 + random.nextInt(30)));
    Api api = Api.get();
    api.replaceOrders(orders);
    Instant newest = orders.stream().map(Order::createdAt).max(Instant::compareTo).orElseThrow();
    List<Order> all = new ArrayList<>(orders);
    Set<Long> seen = new HashSet<>();
    int limit = 4 + random.nextInt(5);
    Walks.Walk walk = Walks.walk(api, null, () -> limit, orders.size() * 2, (page, current) -> {
      seen.addAll(current.ids());
      Order last = all.stream().filter(o -> o.id() == current.ids().get(current.ids().size() - 1)).findFirst()
          .orElseThrow();
      List<Order> added = new ArrayList<>();
      // Newer than everything: sorts before the pages already read, so the walk must not list it.
      for (int i = 1 + random.nextInt(3); i > 0; i--) {
        added.add(data.order(data.freshId(), data.anyStatus(), newest.plus(1 + random.nextInt(1000), ChronoUnit.SECONDS)));
      }
      // Older than the last order listed, at the time of an order not listed yet: the walk must list it.
      List<Order> ahead = all.stream().filter(o -> o.createdAt().isBefore(last.createdAt())).toList();
      if (!ahead.isEmpty()) {
        added.add(data.order(data.freshId(), data.anyStatus(), ahead.get(random.nextInt(ahead.size())).createdAt()));
      }
      // Right after the last order listed, before the next one: the walk must list it.
      Order gap = between(data, last, all.stream().filter(o -> Order.NEWEST_FIRST.compare(o, last) > 0)
          .min(Order.NEWEST_FIRST).orElse(null));
      if (gap != null) {
        added.add(gap);
      }
      // Right before the last order listed, at its very time (a higher id): it sorts among the orders already read, so
      // the walk must not list it, though no order listed has its id.
      long before = data.freshIdBetween(last.id(), Data.MAX_ID);
      if (before >= 0) {
        added.add(data.order(before, data.anyStatus(), last.createdAt()));
      }
      api.insert(added);
      all.addAll(added);
      added.stream().filter(o -> Order.NEWEST_FIRST.compare(o, last) > 0).forEach(orders::add);
    }, "walking while orders are inserted");
    String difference = Walks.difference(Data.idsNewestFirst(orders), walk.ids());
    assertNull(difference, () -> "walking " + limit + " a page while, before each next page, newer orders,"
        + " orders older than the last one listed, one right after it and one right before it at its time are"
        + " inserted: " + difference + " (inserted orders never shift the"
        + " walk; those that sort after the last order listed appear in it, the others do not)");
  }

  /**
   * A new order that sorts after {@code last} and before {@code next} (the next order of the walk; null: none), or null
   * when there is no next order or no free id fits: at {@code next}'s time with a higher id than {@code next}'s.
   */
  private static Order between(Data data, Order last, Order next) {
    if (next == null) {
      return null;
    }
    long id = next.createdAt().equals(last.createdAt())
        ? data.freshIdBetween(next.id(), last.id())
        : data.freshIdBetween(next.id(), Data.MAX_ID);
    return id < 0 ? null : data.order(id, data.anyStatus(), next.createdAt());
  }

  @Test
  void ordersDeletedDuringTheWalkCauseNoSkip() throws Exception {
    Random random = Seeds.random("deletes");
    Data data = new Data(random);
    List<Order> orders = new ArrayList<>(data.withTies(70 + random.nextInt(30)));
    Api api = Api.get();
    api.replaceOrders(orders);
    List<Long> expected = new ArrayList<>(Data.idsNewestFirst(orders));
    Set<Long> listed = new HashSet<>();
    int limit = 4 + random.nextInt(5);
    Walks.Walk walk = Walks.walk(api, null, () -> limit, orders.size(), (page, current) -> {
      listed.addAll(current.ids());
      // The last order listed (the one the cursor continues after), and one not listed yet.
      long last = current.ids().get(current.ids().size() - 1);
      api.delete(last);
      List<Long> ahead = expected.stream().filter(id -> !listed.contains(id)).toList();
      if (ahead.size() > 1) {
        long gone = ahead.get(random.nextInt(ahead.size()));
        api.delete(gone);
        expected.remove(gone);
      }
    }, "walking while orders are deleted");
    String difference = Walks.difference(expected, walk.ids());
    assertNull(difference, () -> "walking " + limit + " a page while, before each next page, the last order listed"
        + " and one not listed yet are deleted: " + difference + " (a deleted order never makes the walk skip or"
        + " repeat another; the cursor stays valid when the order it continues after is deleted)");
  }

  /**
   * Every order that exists during the whole walk is listed: a walk started right after other services changed the
   * table lists the table as it is then, not as an earlier walk saw it (no page is kept between requests).
   */
  @Test
  void aWalkStartedAfterAChangeListsTheTableAsItIsThen() throws Exception {
    Random random = Seeds.random("walk-after-change");
    Data data = new Data(random);
    List<Order> orders = new ArrayList<>(data.withTies(30 + random.nextInt(20)));
    Api api = Api.get();
    api.replaceOrders(orders);
    String status = orders.get(random.nextInt(orders.size())).status();
    int limit = 3 + random.nextInt(5);
    for (String filter : new String[] {null, status}) {
      Walks.walk(api, filter, () -> limit, orders.size(), null, "a first walk");
    }
    // Right after those walks: the newest order of the filter is deleted, and a newer one of that status inserted.
    Instant newest = orders.stream().map(Order::createdAt).max(Instant::compareTo).orElseThrow();
    Order gone = orders.stream().filter(o -> o.status().equals(status)).min(Order.NEWEST_FIRST).orElseThrow();
    api.delete(gone.id());
    orders.remove(gone);
    Order added = data.order(data.freshId(), status, newest.plus(1 + random.nextInt(1000), ChronoUnit.SECONDS));
    api.insert(List.of(added));
    orders.add(added);
    for (String filter : new String[] {null, status}) {
      List<Order> now = orders.stream().filter(o -> filter == null || o.status().equals(filter)).toList();
      Walks.Walk walk = Walks.walk(api, filter, () -> limit, now.size(), null, "a walk started after the change");
      String difference = Walks.difference(Data.idsNewestFirst(now), walk.ids());
      assertNull(difference, () -> "a walk (" + (filter == null ? "no status" : "status=" + filter) + ", limit "
          + limit + ") started right after order " + gone.id() + " was deleted and a newer order " + added.id()
          + " inserted: " + difference + " (every order that exists during the whole walk is listed exactly once:"
          + " each page reads the table as it is when it is asked for)");
    }
  }
}
