package com.acme.orders;

import com.acme.orders.HistoryRows.LineRow;
import com.acme.orders.HistoryRows.OrderRow;
import com.acme.orders.view.CustomerView;
import com.acme.orders.view.LineView;
import com.acme.orders.view.OrderSummary;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hibernate.SessionFactory;

/** The order history screen's read path: all orders, newest first, a page at a time. */
public final class OrderHistory {

  /** The largest page the screen asks for. */
  public static final int MAX_PAGE_SIZE = 500;

  private final SessionFactory sessionFactory;
  private final HistoryQueries queries = new HistoryQueries();

  public OrderHistory(SessionFactory sessionFactory) {
    this.sessionFactory = sessionFactory;
  }

  /**
   * Page {@code pageNumber} (0 is the newest) of all orders, {@code pageSize} per page, newest first: by
   * placed_at descending, then id descending. A page past the end is empty.
   *
   * @throws IllegalArgumentException if {@code pageNumber < 0} or {@code pageSize} is not 1..{@value #MAX_PAGE_SIZE}
   */
  public List<OrderSummary> page(int pageNumber, int pageSize) {
    if (pageNumber < 0) {
      throw new IllegalArgumentException("pageNumber must be 0 or more, was " + pageNumber);
    }
    if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
      throw new IllegalArgumentException("pageSize must be 1.." + MAX_PAGE_SIZE + ", was " + pageSize);
    }
    return sessionFactory.fromTransaction(session -> {
      session.setDefaultReadOnly(true);
      List<OrderRow> orders = queries.orders(session, pageNumber * pageSize, pageSize);
      if (orders.isEmpty()) {
        return List.of();
      }
      Map<Long, List<LineView>> linesByOrder = new LinkedHashMap<>();
      for (OrderRow order : orders) {
        linesByOrder.put(order.orderId(), new ArrayList<>());
      }
      for (LineRow line : queries.lines(session, linesByOrder.keySet())) {
        linesByOrder.get(line.orderId()).add(
            new LineView(line.lineNo(), line.sku(), line.productName(), line.quantity(), line.unitPriceCents()));
      }
      List<OrderSummary> page = new ArrayList<>(orders.size());
      for (OrderRow order : orders) {
        List<LineView> lines = linesByOrder.get(order.orderId());
        long total = 0;
        for (LineView line : lines) {
          total += line.quantity() * line.unitPriceCents();
        }
        page.add(new OrderSummary(order.orderId(), order.placedAt(), order.status().name(),
            new CustomerView(order.customerId(), order.customerName(), order.customerEmail()), lines, total));
      }
      return page;
    });
  }
}
