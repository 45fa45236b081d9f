package com.acme.orders;

import com.acme.orders.view.CustomerView;
import com.acme.orders.view.LineView;
import com.acme.orders.view.OrderSummary;
import java.util.ArrayList;
import java.util.List;

/** Turns the rows of a page into the views the order history shows. */
final class OrderMapper {

  /**
   * Folds the rows into one summary per order. The rows must come grouped by order (all rows of an order next
   * to each other, lines in line-number order), as {@link OrderRepository#findPage} returns them; the orders keep
   * the order in which they first appear.
   */
  List<OrderSummary> toSummaries(List<PageRow> rows) {
    List<OrderSummary> summaries = new ArrayList<>();
    PageRow head = null; // the first row of the order being folded
    List<LineView> lines = new ArrayList<>();
    for (PageRow row : rows) {
      if (head == null || !head.orderId().equals(row.orderId())) {
        if (head != null) {
          summaries.add(toSummary(head, lines));
        }
        head = row;
        lines = new ArrayList<>();
      }
      if (row.hasLine()) {
        lines.add(new LineView(row.lineNo(), row.sku(), row.productName(), row.quantity(), row.unitPriceCents()));
      }
    }
    if (head != null) {
      summaries.add(toSummary(head, lines));
    }
    return summaries;
  }

  private static OrderSummary toSummary(PageRow head, List<LineView> lines) {
    long total = 0;
    for (LineView line : lines) {
      total += line.quantity() * line.unitPriceCents();
    }
    return new OrderSummary(
        head.orderId(),
        head.placedAt(),
        head.status().name(),
        new CustomerView(head.customerId(), head.customerName(), head.customerEmail()),
        lines,
        total);
  }
}
