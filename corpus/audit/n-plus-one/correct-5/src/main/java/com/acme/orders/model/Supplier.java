package com.acme.orders.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** Who we buy a product from. */
@Entity
@Table(name = "supplier")
public class Supplier {

  @Id
  private Long id;

  @Column(nullable = false)
  private String name;

  @Column(nullable = false, length = 2)
  private String country;

  protected Supplier() {}

  public Long getId() {
    return id;
  }

  public String getName() {
    return name;
  }

  public String getCountry() {
    return country;
  }
}
