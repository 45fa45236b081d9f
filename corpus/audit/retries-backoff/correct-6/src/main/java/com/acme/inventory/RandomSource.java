package com.acme.inventory;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Where the jitter comes from. The client asks for one value per backoff delay; tests pin it to its
 * extremes (always {@code 0}, always {@code maxInclusive}) or to a seeded sequence.
 */
@FunctionalInterface
public interface RandomSource {

  /**
   * A whole number drawn uniformly from {@code [0, maxInclusive]}, both ends included.
   *
   * @param maxInclusive the largest value that may be returned, {@code >= 0}
   */
  long nextLong(long maxInclusive);

  /** Uniform values from {@link ThreadLocalRandom}; safe to share between threads. */
  static RandomSource threadLocal() {
    return maxInclusive -> {
      if (maxInclusive < 0) {
        throw new IllegalArgumentException("maxInclusive must be >= 0, was " + maxInclusive);
      }
      return maxInclusive == Long.MAX_VALUE
          ? ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE
          : ThreadLocalRandom.current().nextLong(maxInclusive + 1);
    };
  }
}
