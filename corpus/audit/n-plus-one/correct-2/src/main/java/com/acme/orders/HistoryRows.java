package com.acme.orders;

import com.acme.orders.model.OrderStatus;
import java.time.Instant;

/** Flat rows the order history reads: only the columns the screen shows. */
final class HistoryRows {

  private HistoryRows() {}

  /** One order with its customer. */
  record OrderRow(long orderId, Instant placedAt, OrderStatus status, long customerId, String customerName,
      String customerEmail) {}

  /** One line with its product's sku and name. */
  record LineRow(long orderId, int lineNo, String sku, String productName, int quantity, long unitPriceCents) {}
}
