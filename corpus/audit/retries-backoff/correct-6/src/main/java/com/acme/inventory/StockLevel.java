package com.acme.inventory;

import static java.util.Objects.requireNonNull;

/** {@code GET /stock/{sku}}: how many units of a SKU can be reserved. */
public record StockLevel(String sku, int available) {

  public StockLevel {
    requireNonNull(sku, "sku");
    if (available < 0) {
      throw new IllegalArgumentException("available cannot be negative, was " + available);
    }
  }
}
