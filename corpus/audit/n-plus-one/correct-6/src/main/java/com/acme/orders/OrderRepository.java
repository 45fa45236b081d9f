package com.acme.orders;

import com.acme.orders.model.PurchaseOrder;
import java.util.List;
import org.hibernate.Session;

/** Reads orders. */
final class OrderRepository {

  /**
   * One page of orders, newest first; ties on placed_at are broken by the higher id first. The database does the
   * paging (OFFSET ... FETCH FIRST on {@code orders} alone). What the page shows of each order is loaded by batch
   * fetching (see the mappings of {@code PurchaseOrder.lines} and {@code Customer}) as soon as the mapper reads
   * it: one statement for all the page's lines with their products and one for all its customers, whatever the
   * page size.
   */
  List<PurchaseOrder> findPage(Session session, int pageNumber, int pageSize) {
    long firstResult = (long) pageNumber * pageSize;
    if (firstResult > Integer.MAX_VALUE) {
      return List.of(); // past the end of any table this screen can page through
    }
    return session
        .createSelectionQuery("from PurchaseOrder o order by o.placedAt desc, o.id desc", PurchaseOrder.class)
        .setFirstResult((int) firstResult)
        .setMaxResults(pageSize)
        .getResultList();
  }
}
