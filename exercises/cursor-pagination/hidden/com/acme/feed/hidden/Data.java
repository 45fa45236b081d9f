package com.acme.feed.hidden;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/** Random orders for the hidden suites (from the run's seed, through dev.grader.support.Seeds). */
final class Data {

  static final List<String> STATUSES = List.of("PENDING", "PAID", "SHIPPED", "CANCELLED");

  /** The largest page a walk asks for: every group of equal times below is longer, so a page ends inside each. */
  static final int MAX_WALK_LIMIT = 9;

  private final Random random;
  private final Set<Long> ids = new HashSet<>();
  private Instant clock;

  Data(Random random) {
    this.random = random;
    // Some time in 2025, to the microsecond.
    this.clock = Instant.parse("2025-01-01T00:00:00Z")
        .plus(random.nextInt(300), ChronoUnit.DAYS)
        .plus(random.nextInt(86_400_000), ChronoUnit.MILLIS)
        .plus(random.nextInt(1000), ChronoUnit.MICROS);
  }

  /** An id no order of this Data has. */
  /** Ids are drawn below this: 2^40, well beyond an int, well within a JSON number's exact integers. */
  static final long MAX_ID = 1L << 40;

  long freshId() {
    while (true) {
      long id = 1 + random.nextLong(MAX_ID); // most beyond an int: ids are bigint
      if (ids.add(id)) {
        return id;
      }
    }
  }

  /** An unused id strictly between {@code low} and {@code high}, or -1 when every id there is taken. */
  long freshIdBetween(long low, long high) {
    if (high - low < 2) {
      return -1;
    }
    long start = low + 1 + random.nextLong(high - low - 1);
    for (long id = start, tried = 0; tried < high - low - 1; tried++, id = id + 1 < high ? id + 1 : low + 1) {
      if (ids.add(id)) {
        return id;
      }
    }
    return -1;
  }

  Order order(long id, String status, Instant createdAt) {
    return new Order(id, "customer-" + (1 + random.nextInt(500)), status, 100 + random.nextInt(99_900), createdAt);
  }

  String anyStatus() {
    return STATUSES.get(random.nextInt(STATUSES.size()));
  }

  /**
   * About {@code n} orders in groups of 10 to 14 sharing one created_at (each group older than the one before), ids
   * random; the highest id of all is in the oldest group, so it sorts after orders with lower ids.
   */
  List<Order> withTies(int n) {
    List<Order> orders = new ArrayList<>();
    List<Instant> groups = new ArrayList<>();
    while (orders.size() < n) {
      clock = clock.minus(1 + random.nextInt(3600), ChronoUnit.SECONDS).minus(random.nextInt(1000), ChronoUnit.MICROS);
      groups.add(clock);
      int size = MAX_WALK_LIMIT + 1 + random.nextInt(5);
      for (int i = 0; i < size; i++) {
        orders.add(order(freshId(), anyStatus(), clock));
      }
    }
    // The highest id into the oldest group.
    Order highest = orders.stream().max(Comparator.comparingLong(Order::id)).orElseThrow();
    Order oldest = orders.get(orders.size() - 1);
    if (highest != oldest) {
      orders.set(orders.indexOf(highest), withId(highest, oldest.id()));
      orders.set(orders.size() - 1, withId(oldest, highest.id()));
    }
    return orders;
  }

  /**
   * About {@code n} orders in groups of 10 to 14 within one millisecond each, at distinct microseconds from 1 to 999:
   * only the microseconds order them within a group.
   */
  List<Order> withinMilliseconds(int n) {
    List<Order> orders = new ArrayList<>();
    while (orders.size() < n) {
      clock = clock.truncatedTo(ChronoUnit.MILLIS).minus(1 + random.nextInt(60_000), ChronoUnit.MILLIS);
      int size = MAX_WALK_LIMIT + 1 + random.nextInt(5);
      Set<Integer> micros = new HashSet<>();
      while (micros.size() < size) {
        micros.add(1 + random.nextInt(999));
      }
      for (int m : micros) {
        orders.add(order(freshId(), anyStatus(), clock.plus(m, ChronoUnit.MICROS)));
      }
    }
    return orders;
  }

  /** {@code n} orders at distinct times (some sharing a time), statuses as {@code status} says. */
  List<Order> spread(int n, java.util.function.IntFunction<String> status) {
    List<Order> orders = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      if (random.nextInt(4) != 0) {
        clock = clock.minus(1 + random.nextInt(600_000_000), ChronoUnit.MICROS);
      }
      orders.add(order(freshId(), status.apply(i), clock));
    }
    return orders;
  }

  private static Order withId(Order o, long id) {
    return new Order(id, o.customer(), o.status(), o.totalCents(), o.createdAt());
  }

  static List<Long> idsNewestFirst(List<Order> orders) {
    return orders.stream().sorted(Order.NEWEST_FIRST).map(Order::id).toList();
  }
}
