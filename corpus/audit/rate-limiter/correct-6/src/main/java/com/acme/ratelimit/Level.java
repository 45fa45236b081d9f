package com.acme.ratelimit;

/**
 * An immutable snapshot of one bucket.
 *
 * <p>{@code units} counts tokens in exact fixed point: one token is {@code refillPeriodNanos} units and
 * every nanosecond adds {@code refillTokens} units, so refill never needs division and never loses a
 * fraction. {@code stamp} is the latest clock reading already counted into {@code units}; it only ever
 * moves forward.
 */
record Level(long units, long stamp) {

  /** Marks a bucket that the sweep has dropped; nobody may take tokens from it any more. */
  static final Level RETIRED = new Level(-1, 0);
}
