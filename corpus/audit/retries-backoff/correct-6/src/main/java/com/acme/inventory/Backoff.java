package com.acme.inventory;

import java.time.Duration;

/** The ceiling of the exponential backoff, {@code min(max, base * 2^(retry-1))}, without overflow. */
final class Backoff {

  private final long baseMillis;
  private final long capMillis;

  Backoff(Duration base, Duration cap) {
    this.baseMillis = saturatedMillis(base);
    this.capMillis = saturatedMillis(cap);
  }

  /**
   * The ceiling before retry {@code retry} ({@code 1} before the second attempt).
   *
   * <p>{@code base << shift} is at most the cap exactly when {@code base <= cap >> shift}; testing it
   * that way round never shifts a bit out of the long.
   */
  long ceilingMillis(int retry) {
    int shift = retry - 1;
    if (shift >= Long.SIZE - 1) {
      return capMillis; // 2^63 already exceeds any long cap, and base is at least 1
    }
    if (baseMillis > (capMillis >> shift)) {
      return capMillis;
    }
    return baseMillis << shift;
  }

  static long saturatedMillis(Duration d) {
    try {
      return d.toMillis();
    } catch (ArithmeticException tooLong) {
      return d.isNegative() ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
  }
}
