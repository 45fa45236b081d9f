package com.acme.feed;

import java.time.Instant;

/** One row of the orders table. */
record Order(long id, String customer, String status, long totalCents, Instant createdAt) {

  OrderJson toJson() {
    return new OrderJson(id, customer, status, totalCents, createdAt.toString());
  }
}
