package com.acme.orders;

import java.util.List;
import org.hibernate.Session;

/** Reads orders. */
final class OrderRepository {

  /**
   * One page of orders with their customers and lines, in one statement.
   *
   * <p>The page is cut by the database in a subquery on {@code orders} alone (placed_at descending, then the
   * higher id first, then OFFSET/FETCH FIRST), so the slice counts orders and not joined rows. The outer query
   * joins the customer (every order has one) and, by outer joins, the lines and their products, so an order
   * without lines still comes back as one row. Only the columns the screen shows are selected: no entity is
   * loaded, so nothing reachable from the entities (suppliers, payments) is read.
   *
   * <p>The rows come ordered like the page, each order's rows next to each other and in line-number order.
   */
  List<PageRow> findPage(Session session, long firstOrder, int pageSize) {
    return session
        .createSelectionQuery("""
            select new com.acme.orders.PageRow(
                o.id, o.placedAt, o.status,
                c.id, c.name, c.email,
                l.lineNo, p.sku, p.name, l.quantity, l.unitPriceCents)
            from PurchaseOrder o
              join o.customer c
              left join o.lines l
              left join l.product p
            where o.id in (
                select w.id from PurchaseOrder w
                order by w.placedAt desc, w.id desc
                offset :firstOrder rows fetch first :pageSize rows only)
            order by o.placedAt desc, o.id desc, l.lineNo asc
            """, PageRow.class)
        .setParameter("firstOrder", firstOrder, Long.class)
        .setParameter("pageSize", pageSize)
        .getResultList();
  }
}
