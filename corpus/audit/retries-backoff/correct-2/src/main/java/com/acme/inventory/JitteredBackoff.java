package com.acme.inventory;

import java.time.Duration;

/** Exponential backoff with full jitter: delay(n) = random in [0, min(max, base * 2^(n-1))]. */
final class JitteredBackoff {

  private final long baseMillis;
  private final long capMillis;
  private final RandomSource random;

  JitteredBackoff(Duration base, Duration cap, RandomSource random) {
    this.baseMillis = base.toMillis();
    this.capMillis = cap.toMillis();
    this.random = java.util.Objects.requireNonNull(random, "random");
  }

  /** The ceiling of retry {@code n} (1-based), in whole milliseconds. */
  long ceiling(int n) {
    long c = baseMillis;
    for (int i = 1; i < n && c < capMillis; i++) {
      c = c > capMillis / 2 ? capMillis : c * 2;
    }
    return Math.min(c, capMillis);
  }

  Duration delayBeforeRetry(int n) {
    return Duration.ofMillis(random.nextLong(ceiling(n)));
  }
}
