package com.acme.inventory;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * How hard the client tries. All durations are used in whole milliseconds.
 *
 * @param maxAttempts how many requests one call may send in total, the first one included
 *     ({@code 1} means "never retry"); 1..1000
 * @param baseDelay the backoff ceiling of the first retry; at least 1 ms
 * @param maxDelay the cap: no backoff ceiling is larger; at least {@code baseDelay}
 * @param requestTimeout the timeout of each single request (each attempt); positive
 * @param overallTimeout the budget of one whole call, measured from its start on the injected clock;
 *     positive
 */
public record RetryPolicy(
    int maxAttempts,
    Duration baseDelay,
    Duration maxDelay,
    Duration requestTimeout,
    Duration overallTimeout) {

  public RetryPolicy {
    requireNonNull(baseDelay, "baseDelay");
    requireNonNull(maxDelay, "maxDelay");
    requireNonNull(requestTimeout, "requestTimeout");
    requireNonNull(overallTimeout, "overallTimeout");
    if (maxAttempts < 1 || maxAttempts > 1000) {
      throw new IllegalArgumentException("maxAttempts must be 1..1000, was " + maxAttempts);
    }
    if (baseDelay.toMillis() < 1) {
      throw new IllegalArgumentException("baseDelay must be at least 1ms, was " + baseDelay);
    }
    if (maxDelay.compareTo(baseDelay) < 0) {
      throw new IllegalArgumentException(
          "maxDelay must be at least baseDelay (" + baseDelay + "), was " + maxDelay);
    }
    if (requestTimeout.isNegative() || requestTimeout.isZero()) {
      throw new IllegalArgumentException("requestTimeout must be positive, was " + requestTimeout);
    }
    if (overallTimeout.isNegative() || overallTimeout.isZero()) {
      throw new IllegalArgumentException("overallTimeout must be positive, was " + overallTimeout);
    }
  }

  /** 5 attempts, 100 ms base, 5 s cap, 2 s per request, 30 s per call. */
  public static RetryPolicy defaults() {
    return new RetryPolicy(
        5, Duration.ofMillis(100), Duration.ofSeconds(5), Duration.ofSeconds(2), Duration.ofSeconds(30));
  }
}
