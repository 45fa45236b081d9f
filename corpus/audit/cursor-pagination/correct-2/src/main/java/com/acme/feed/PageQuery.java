package com.acme.feed;

/** The validated parameters of one request. Throws IllegalArgumentException for anything the API refuses. */
record PageQuery(OrderStatus status, int limit, String cursor) {

  static final int DEFAULT_LIMIT = 20;
  static final int MAX_LIMIT = 100;

  static PageQuery parse(String status, String limit, String cursor) {
    OrderStatus filter = status == null ? null : OrderStatus.exactly(status);
    return new PageQuery(filter, limit == null ? DEFAULT_LIMIT : wholeNumber(limit), cursor);
  }

  private static int wholeNumber(String text) {
    if (text.isEmpty() || text.length() > 3) {
      throw new IllegalArgumentException("limit out of range");
    }
    int n = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        throw new IllegalArgumentException("limit is not a whole number");
      }
      n = n * 10 + (c - '0');
    }
    if (n < 1 || n > MAX_LIMIT) {
      throw new IllegalArgumentException("limit out of range");
    }
    return n;
  }
}
