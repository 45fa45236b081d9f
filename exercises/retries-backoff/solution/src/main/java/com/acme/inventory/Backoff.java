package com.acme.inventory;

import java.time.Duration;

/** Exponential backoff with full jitter: retry n waits a uniform draw from [0, min(cap, base * 2^(n-1))]. */
final class Backoff {

  private final long baseMillis;
  private final long capMillis;
  private final RandomSource random;

  Backoff(Duration base, Duration cap, RandomSource random) {
    this.baseMillis = base.toMillis();
    this.capMillis = cap.toMillis();
    this.random = random;
  }

  /** The delay before retry {@code retry} (1 for the first retry). */
  Duration delay(int retry) {
    return Duration.ofMillis(random.nextLong(ceilingMillis(retry)));
  }

  /** {@code min(cap, base * 2^(retry-1))}, computed without overflow for any retry number. */
  long ceilingMillis(int retry) {
    int shift = retry - 1;
    if (shift >= Long.SIZE - 2 || baseMillis > (capMillis >> shift)) {
      return capMillis; // base * 2^shift would exceed the cap (or a long)
    }
    return Math.min(capMillis, baseMillis << shift);
  }
}
