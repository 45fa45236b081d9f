package com.acme.feed;

/** The statuses an order can have; the status filter must name one of them exactly. */
enum OrderStatus {
  PENDING,
  PAID,
  SHIPPED,
  CANCELLED;

  /** The status named exactly (upper case, nothing around it), or null when the value names none. */
  static OrderStatus parse(String value) {
    for (OrderStatus s : values()) {
      if (s.name().equals(value)) {
        return s;
      }
    }
    return null;
  }
}
