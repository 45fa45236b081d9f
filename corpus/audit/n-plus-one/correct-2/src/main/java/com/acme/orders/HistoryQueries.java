package com.acme.orders;

import com.acme.orders.HistoryRows.LineRow;
import com.acme.orders.HistoryRows.OrderRow;
import com.acme.orders.model.Customer;
import com.acme.orders.model.OrderLine;
import com.acme.orders.model.OrderStatus;
import com.acme.orders.model.Product;
import com.acme.orders.model.PurchaseOrder;
import jakarta.persistence.Tuple;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.Join;
import jakarta.persistence.criteria.Root;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.hibernate.Session;

/**
 * The two read-only queries behind a page. They select scalar columns rather than entities, so nothing beyond
 * what is selected (suppliers, payments) can be loaded behind our back, whatever the entities' fetch settings.
 */
final class HistoryQueries {

  /** The page's orders with their customers, paged by the database (offset/fetch first). */
  List<OrderRow> orders(Session session, int offset, int limit) {
    CriteriaBuilder cb = session.getCriteriaBuilder();
    CriteriaQuery<Tuple> q = cb.createTupleQuery();
    Root<PurchaseOrder> o = q.from(PurchaseOrder.class);
    Join<PurchaseOrder, Customer> c = o.join("customer");
    q.multiselect(
        o.get("id").alias("id"),
        o.get("placedAt").alias("placedAt"),
        o.get("status").alias("status"),
        c.get("id").alias("cid"),
        c.get("name").alias("cname"),
        c.get("email").alias("cemail"));
    q.orderBy(cb.desc(o.get("placedAt")), cb.desc(o.get("id")));
    return session.createQuery(q)
        .setFirstResult(offset)
        .setMaxResults(limit)
        .getResultList()
        .stream()
        .map(t -> new OrderRow(
            t.get("id", Long.class),
            t.get("placedAt", Instant.class),
            t.get("status", OrderStatus.class),
            t.get("cid", Long.class),
            t.get("cname", String.class),
            t.get("cemail", String.class)))
        .toList();
  }

  /** All lines of the given orders with their products, by order then line number. */
  List<LineRow> lines(Session session, Collection<Long> orderIds) {
    CriteriaBuilder cb = session.getCriteriaBuilder();
    CriteriaQuery<Tuple> q = cb.createTupleQuery();
    Root<OrderLine> l = q.from(OrderLine.class);
    Join<OrderLine, Product> p = l.join("product");
    q.multiselect(
        l.get("order").get("id").alias("oid"),
        l.get("lineNo").alias("no"),
        p.get("sku").alias("sku"),
        p.get("name").alias("pname"),
        l.get("quantity").alias("qty"),
        l.get("unitPriceCents").alias("price"));
    q.where(l.get("order").get("id").in(orderIds));
    q.orderBy(cb.asc(l.get("order").get("id")), cb.asc(l.get("lineNo")));
    return session.createQuery(q)
        .getResultList()
        .stream()
        .map(t -> new LineRow(
            t.get("oid", Long.class),
            t.get("no", Integer.class),
            t.get("sku", String.class),
            t.get("pname", String.class),
            t.get("qty", Integer.class),
            t.get("price", Long.class)))
        .toList();
  }
}
