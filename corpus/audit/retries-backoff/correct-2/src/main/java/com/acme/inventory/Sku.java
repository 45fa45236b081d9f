package com.acme.inventory;

/** The SKU rule: ASCII letters, digits, '.', '_' and '-'. */
final class Sku {
  private Sku() {}

  static void require(String sku) {
    if (sku == null || sku.isEmpty()) {
      throw new IllegalArgumentException("a SKU is required");
    }
    for (int i = 0; i < sku.length(); i++) {
      char c = sku.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '.'
              || c == '_'
              || c == '-';
      if (!ok) {
        throw new IllegalArgumentException("illegal character in SKU: " + sku);
      }
    }
  }
}
