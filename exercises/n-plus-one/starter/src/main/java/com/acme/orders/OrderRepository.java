package com.acme.orders;

import com.acme.orders.model.PurchaseOrder;
import java.util.List;
import org.hibernate.Session;

/** Reads orders. */
final class OrderRepository {

  /** One page of orders, newest first; ties on placed_at are broken by the higher id first. */
  List<PurchaseOrder> findPage(Session session, int pageNumber, int pageSize) {
    return session
        .createSelectionQuery("from PurchaseOrder o order by o.placedAt desc, o.id desc", PurchaseOrder.class)
        .setFirstResult(pageNumber * pageSize)
        .setMaxResults(pageSize)
        .getResultList();
  }
}
