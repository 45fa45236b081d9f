package com.acme.ratelimit;

import java.time.Duration;

/**
 * A token-bucket rate limiter with one bucket per client key. See README.md for the exact rules.
 *
 * <p>Thread-safe: any number of threads may call any method at the same time.
 */
public final class TokenBucketRateLimiter {

  /**
   * @param capacity the most tokens a bucket holds; a new bucket starts with this many (> 0)
   * @param refillTokens tokens added per {@code refillPeriod} (> 0), continuously
   * @param refillPeriod the period over which {@code refillTokens} tokens are added (> 0)
   * @param time the clock to read
   * @throws IllegalArgumentException if capacity or refillTokens is not positive, or refillPeriod
   *     is zero or negative
   */
  public TokenBucketRateLimiter(long capacity, long refillTokens, Duration refillPeriod, TimeSource time) {
    throw new UnsupportedOperationException("TODO");
  }

  /** Same as {@code tryAcquire(key, 1)}. */
  public Decision tryAcquire(String key) {
    throw new UnsupportedOperationException("TODO");
  }

  /**
   * Takes {@code permits} tokens from the key's bucket if it holds that many, else takes nothing.
   *
   * @throws IllegalArgumentException if permits is zero or negative
   */
  public Decision tryAcquire(String key, long permits) {
    throw new UnsupportedOperationException("TODO");
  }

  /** Whole tokens the key's bucket holds now (refilled as of now), without consuming any. */
  public long availableTokens(String key) {
    throw new UnsupportedOperationException("TODO");
  }

  /** Number of buckets currently held in memory. */
  public int trackedKeys() {
    throw new UnsupportedOperationException("TODO");
  }

  /** The capacity this limiter was built with (for the HTTP headers). */
  public long capacity() {
    throw new UnsupportedOperationException("TODO");
  }

  /**
   * Nanoseconds an empty bucket takes to become full: {@code ceil(capacity * refillPeriod /
   * refillTokens)} (for the HTTP headers).
   */
  public long fullRefillNanos() {
    throw new UnsupportedOperationException("TODO");
  }
}
