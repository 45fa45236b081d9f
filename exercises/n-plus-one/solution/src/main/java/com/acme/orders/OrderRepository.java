package com.acme.orders;

import com.acme.orders.model.PurchaseOrder;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.hibernate.Session;

/** Reads orders. */
final class OrderRepository {

  /**
   * One page of orders, newest first; ties on placed_at are broken by the higher id first. Each order comes with
   * its customer, its lines and their products loaded, in two statements whatever the page size:
   *
   * <ol>
   *   <li>the ids of the page, with the database doing the paging (ORDER BY ... OFFSET ... FETCH FIRST);
   *   <li>those orders with customer, lines and products join-fetched. Paging is not combined with a
   *       collection fetch here: that would make Hibernate fetch every row and page in memory (HHH90003004).
   * </ol>
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
        .createSelectionQuery("""
            select o from PurchaseOrder o
              join fetch o.customer
              left join fetch o.lines l
              left join fetch l.product
            where o.id in :ids""", PurchaseOrder.class)
        .setParameter("ids", ids)
        .getResultList();
    Map<Long, PurchaseOrder> byId = orders.stream()
        .collect(Collectors.toMap(PurchaseOrder::getId, Function.identity(), (a, b) -> a));
    // the page's order comes from the first statement; an order deleted in between is left out
    return ids.stream().map(byId::get).filter(Objects::nonNull).toList();
  }
}
