package com.acme.orders.model;

import com.acme.orders.OrderHistory;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.BatchSize;

/**
 * Someone who orders. Orders reach their customer through a lazy proxy; batch fetching loads the customers of every
 * order of a page together, in one statement, the first time one of them is read. A page holds at most
 * {@link OrderHistory#MAX_PAGE_SIZE} orders, so one batch always covers all of its customers.
 */
@Entity
@BatchSize(size = OrderHistory.MAX_PAGE_SIZE)
@Table(name = "customer")
public class Customer {

  @Id
  private Long id;

  @Column(nullable = false)
  private String name;

  @Column(nullable = false)
  private String email;

  protected Customer() {}

  public Long getId() {
    return id;
  }

  public String getName() {
    return name;
  }

  public String getEmail() {
    return email;
  }
}
