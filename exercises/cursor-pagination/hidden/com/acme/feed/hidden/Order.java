package com.acme.feed.hidden;

import java.time.Instant;
import java.util.Comparator;

/** A row of the orders table. */
record Order(long id, String customer, String status, long totalCents, Instant createdAt) {

  /** The API's order: newest first, ties by id, highest first. */
  static final Comparator<Order> NEWEST_FIRST =
      Comparator.comparing(Order::createdAt).thenComparingLong(Order::id).reversed();
}
