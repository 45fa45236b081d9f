package com.acme.orders;

import com.acme.orders.model.OrderStatus;
import java.time.Instant;

/**
 * One row of the page query: an order, its customer and one of its lines. An order without lines comes as a
 * single row whose line columns are all null.
 */
public record PageRow(
    Long orderId,
    Instant placedAt,
    OrderStatus status,
    Long customerId,
    String customerName,
    String customerEmail,
    Integer lineNo,
    String sku,
    String productName,
    Integer quantity,
    Long unitPriceCents) {

  boolean hasLine() {
    return lineNo != null;
  }
}
