package com.acme.orders;

import com.acme.orders.model.Customer;
import com.acme.orders.model.OrderLine;
import com.acme.orders.model.Product;
import com.acme.orders.model.PurchaseOrder;
import com.acme.orders.view.CustomerView;
import com.acme.orders.view.LineView;
import com.acme.orders.view.OrderSummary;
import java.util.List;

/** Turns entities into the views the order history shows. */
final class OrderMapper {

  /**
   * The summary of {@code order} with the given lines (already in line-number order). The order's own lines
   * collection is not touched: initialising it would cost one statement per order.
   */
  OrderSummary toSummary(PurchaseOrder order, List<OrderLine> orderLines) {
    Customer customer = order.getCustomer();
    List<LineView> lines = orderLines.stream().map(this::toLine).toList();
    long total = lines.stream().mapToLong(l -> l.quantity() * l.unitPriceCents()).sum();
    return new OrderSummary(
        order.getId(),
        order.getPlacedAt(),
        order.getStatus().name(),
        new CustomerView(customer.getId(), customer.getName(), customer.getEmail()),
        lines,
        total);
  }

  private LineView toLine(OrderLine line) {
    Product product = line.getProduct();
    return new LineView(line.getLineNo(), product.getSku(), product.getName(), line.getQuantity(), line.getUnitPriceCents());
  }
}
