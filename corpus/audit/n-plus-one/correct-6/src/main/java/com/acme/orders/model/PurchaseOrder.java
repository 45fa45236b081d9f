package com.acme.orders.model;

import com.acme.orders.OrderHistory;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.hibernate.annotations.BatchSize;

/** An order: who placed it, when, and its lines. (Named so because ORDER is an SQL keyword.) */
@Entity
@Table(name = "orders")
public class PurchaseOrder {

  @Id
  private Long id;

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "customer_id")
  private Customer customer;

  @Column(name = "placed_at", nullable = false)
  private Instant placedAt;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private OrderStatus status;

  /*
   * Batch fetching: reading the lines of one order loads the lines of all the orders in the session whose lines are
   * not loaded yet (up to the batch size, which is the largest page) in one statement, in line_no order. The
   * eager OrderLine.product is joined into that statement, so the products come with their lines.
   */
  @OneToMany(mappedBy = "order")
  @BatchSize(size = OrderHistory.MAX_PAGE_SIZE)
  @OrderBy("lineNo")
  private List<OrderLine> lines = new ArrayList<>();

  @OneToMany(mappedBy = "order")
  private Set<Payment> payments = new HashSet<>();

  protected PurchaseOrder() {}

  public Long getId() {
    return id;
  }

  public Customer getCustomer() {
    return customer;
  }

  public Instant getPlacedAt() {
    return placedAt;
  }

  public OrderStatus getStatus() {
    return status;
  }

  /** The lines in line-number order. */
  public List<OrderLine> getLines() {
    return lines;
  }

  public Set<Payment> getPayments() {
    return payments;
  }
}
