package com.acme.inventory;

import static java.util.Objects.requireNonNull;

/** {@code POST /reservations}: units of a SKU held for an order. */
public record Reservation(String id, String sku, int quantity) {

  public Reservation {
    requireNonNull(id, "id");
    requireNonNull(sku, "sku");
    if (quantity < 1) {
      throw new IllegalArgumentException("quantity must be at least 1, was " + quantity);
    }
  }
}
