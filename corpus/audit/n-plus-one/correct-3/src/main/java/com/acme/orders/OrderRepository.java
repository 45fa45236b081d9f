package com.acme.orders;

import com.acme.orders.model.PurchaseOrder;
import java.util.List;
import org.hibernate.Session;
import org.hibernate.graph.RootGraph;

/** Reads orders. */
final class OrderRepository {

  /**
   * One page of orders, newest first; ties on placed_at are broken by the higher id first.
   *
   * <p>One statement whatever the page size: the page's ids are chosen by a subquery that the database limits
   * (offset/fetch first), and the outer query loads those orders with a <em>fetch graph</em> of exactly what the
   * screen shows: customer, lines, and the lines' products. Under fetch-graph semantics every attribute outside
   * the graph is treated as lazy, so the products' suppliers and the orders' payments are not read, even though
   * the mappings leave {@code Product.supplier} eager. The outer query itself has no limit, so Hibernate never
   * pages the collection fetch in memory.
   */
  List<PurchaseOrder> findPage(Session session, int pageNumber, int pageSize) {
    RootGraph<PurchaseOrder> graph = session.createEntityGraph(PurchaseOrder.class);
    graph.addAttributeNodes("customer");
    graph.addSubgraph("lines").addAttributeNodes("product");
    return session
        .createSelectionQuery(
            "from PurchaseOrder o"
                + " where o.id in ("
                + "   select p.id from PurchaseOrder p"
                + "   order by p.placedAt desc, p.id desc"
                + "   offset :first rows fetch first :size rows only)"
                + " order by o.placedAt desc, o.id desc",
            PurchaseOrder.class)
        .setParameter("first", (long) pageNumber * pageSize)
        .setParameter("size", pageSize)
        .setHint("jakarta.persistence.fetchgraph", graph)
        .getResultList();
  }
}
