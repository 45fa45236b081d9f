package com.acme.feed;

/** The {@code limit} parameter: a whole number from 1 to 100, 20 when absent; never clamped. */
final class PageLimit {

  static final int DEFAULT = 20;
  static final int MAX = 100;

  private PageLimit() {}

  static int parse(String raw) {
    if (raw == null) {
      return DEFAULT;
    }
    // Plain decimal digits only: no sign, no blanks, no fraction, no exponent. The running value saturates just
    // above MAX, so that no string of digits, however long, can overflow into the valid range.
    int value = 0;
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c < '0' || c > '9') {
        throw invalid();
      }
      value = Math.min(value * 10 + (c - '0'), MAX + 1);
    }
    if (raw.isEmpty() || value < 1 || value > MAX) {
      throw invalid();
    }
    return value;
  }

  private static BadRequest invalid() {
    return new BadRequest("limit must be a whole number from 1 to " + MAX);
  }
}
