package com.acme.orders.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Instant;

/** Money received for an order. */
@Entity
@Table(name = "payment")
public class Payment {

  @Id
  private Long id;

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "order_id")
  private PurchaseOrder order;

  @Column(name = "amount_cents", nullable = false)
  private long amountCents;

  @Column(name = "paid_at", nullable = false)
  private Instant paidAt;

  @Column(nullable = false)
  private String method;

  protected Payment() {}

  public Long getId() {
    return id;
  }

  public PurchaseOrder getOrder() {
    return order;
  }

  public long getAmountCents() {
    return amountCents;
  }

  public Instant getPaidAt() {
    return paidAt;
  }

  public String getMethod() {
    return method;
  }
}
