package com.acme.orders.view;

import java.time.Instant;
import java.util.List;

/**
 * One row of the order history screen. Part of the contract: do not change.
 *
 * @param id the order's id
 * @param placedAt when it was placed
 * @param status its status, e.g. "SHIPPED"
 * @param customer who placed it
 * @param lines its lines in line-number order; empty for an order without lines
 * @param totalCents the sum of quantity x unit price over the lines
 */
public record OrderSummary(
    long id, Instant placedAt, String status, CustomerView customer, List<LineView> lines, long totalCents) {

  public OrderSummary {
    lines = List.copyOf(lines);
  }
}
