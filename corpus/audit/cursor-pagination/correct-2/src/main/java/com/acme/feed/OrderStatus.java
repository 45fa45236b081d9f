package com.acme.feed;

/** The statuses an order can have; the code is what a cursor stores (0 means "no filter"). */
enum OrderStatus {
  PENDING(1), PAID(2), SHIPPED(3), CANCELLED(4);

  final byte code;

  OrderStatus(int code) {
    this.code = (byte) code;
  }

  static byte codeOf(OrderStatus status) {
    return status == null ? 0 : status.code;
  }

  static OrderStatus exactly(String text) {
    for (OrderStatus s : values()) {
      if (s.name().equals(text)) {
        return s;
      }
    }
    throw new IllegalArgumentException("unknown status");
  }
}
