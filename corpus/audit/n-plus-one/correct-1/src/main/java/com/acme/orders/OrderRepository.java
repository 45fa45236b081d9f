package com.acme.orders;

import com.acme.orders.model.PurchaseOrder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hibernate.Session;

/** Reads orders. */
final class OrderRepository {

  /**
   * One page of orders, newest first; ties on placed_at are broken by the higher id first. Each order comes with
   * its customer, its lines and their products already loaded (but not the products' suppliers, nor payments).
   *
   * <p>Two statements whatever the page size: the first pages the order ids in SQL (limit/offset on the orders
   * table alone, so the database does the paging), the second fetches those orders with everything the screen
   * shows in one join. Paging a collection fetch join directly would make Hibernate page in memory.
   */
  List<PurchaseOrder> findPage(Session session, int pageNumber, int pageSize) {
    List<Long> ids = session
        .createSelectionQuery("select o.id from PurchaseOrder o order by o.placedAt desc, o.id desc", Long.class)
        .setFirstResult(pageNumber * pageSize)
        .setMaxResults(pageSize)
        .getResultList();
    if (ids.isEmpty()) {
      return List.of();
    }
    List<PurchaseOrder> orders = session
        .createSelectionQuery(
            "select o from PurchaseOrder o"
                + " join fetch o.customer"
                + " left join fetch o.lines l"
                + " left join fetch l.product"
                + " where o.id in :ids"
                + " order by o.id, l.lineNo",
            PurchaseOrder.class)
        .setParameter("ids", ids)
        .getResultList();
    Map<Long, Integer> position = new HashMap<>();
    for (int i = 0; i < ids.size(); i++) {
      position.put(ids.get(i), i);
    }
    List<PurchaseOrder> page = new ArrayList<>(orders);
    page.sort(Comparator.comparing(o -> position.get(o.getId())));
    return page;
  }
}
