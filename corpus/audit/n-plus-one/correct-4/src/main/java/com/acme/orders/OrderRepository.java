package com.acme.orders;

import com.acme.orders.model.OrderLine;
import com.acme.orders.model.PurchaseOrder;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hibernate.Session;

/**
 * Reads orders for the order history: one statement for the page of orders with their customers, one for all the
 * lines of those orders with their products, whatever the page size.
 */
final class OrderRepository {

  /**
   * One page of orders, newest first; ties on placed_at are broken by the higher id first. The customer of each
   * order is fetched in the same statement; the database does the paging (offset / fetch first).
   */
  List<PurchaseOrder> findPage(Session session, int firstResult, int pageSize) {
    return session
        .createSelectionQuery(
            "select o from PurchaseOrder o join fetch o.customer order by o.placedAt desc, o.id desc",
            PurchaseOrder.class)
        .setFirstResult(firstResult)
        .setMaxResults(pageSize)
        .getResultList();
  }

  /**
   * The lines of the given orders, each with its product (and nothing of the product's supplier), in one
   * statement: order id to that order's lines in line_no order. Orders without lines are absent from the map.
   */
  Map<Long, List<OrderLine>> findLines(Session session, Collection<Long> orderIds) {
    if (orderIds.isEmpty()) {
      return Map.of();
    }
    List<Object[]> rows = session
        .createSelectionQuery(
            "select l.order.id, l from OrderLine l join fetch l.product"
                + " where l.order.id in :orderIds order by l.order.id, l.lineNo",
            Object[].class)
        .setParameterList("orderIds", orderIds)
        .getResultList();
    Map<Long, List<OrderLine>> linesByOrder = new HashMap<>();
    for (Object[] row : rows) {
      linesByOrder.computeIfAbsent((Long) row[0], id -> new ArrayList<>()).add((OrderLine) row[1]);
    }
    return linesByOrder;
  }
}
