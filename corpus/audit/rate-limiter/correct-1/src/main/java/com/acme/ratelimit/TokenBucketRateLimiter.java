package com.acme.ratelimit;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A token-bucket rate limiter with one bucket per client key. See README.md for the exact rules.
 *
 * <p>Thread-safe: any number of threads may call any method at the same time.
 *
 * <p>Token amounts are kept as integers in units of {@code 1 / refillPeriodNanos} of a token, so that
 * {@code d} nanoseconds add exactly {@code d * refillTokens} units and no fraction is ever lost.
 * Every bucket state is immutable and replaced atomically through {@link ConcurrentHashMap#compute}.
 */
public final class TokenBucketRateLimiter {

  /** Upper bound (exclusive) on {@code capacity * refillPeriodNanos}, see README. */
  private static final long MAX_SCALED_CAPACITY = 1L << 62;

  private final long capacity;
  private final long refillTokens;
  private final long periodNanos;
  private final long scaledCapacity;
  private final long fullRefillNanos;
  private final TimeSource time;

  private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();
  private final AtomicLong lastSweep;

  /**
   * @param level tokens held, in units of {@code 1 / periodNanos} token
   * @param stamp the latest clock reading already counted for refill
   */
  private record Bucket(long level, long stamp) {}

  /**
   * @param capacity the most tokens a bucket holds; a new bucket starts with this many (> 0)
   * @param refillTokens tokens added per {@code refillPeriod} (> 0), continuously
   * @param refillPeriod the period over which {@code refillTokens} tokens are added (> 0)
   * @param time the clock to read
   * @throws IllegalArgumentException if capacity or refillTokens is not positive, or refillPeriod
   *     is zero or negative
   */
  public TokenBucketRateLimiter(long capacity, long refillTokens, Duration refillPeriod, TimeSource time) {
    if (capacity <= 0) {
      throw new IllegalArgumentException("capacity must be greater than 0, was " + capacity);
    }
    if (refillTokens <= 0) {
      throw new IllegalArgumentException("refillTokens must be greater than 0, was " + refillTokens);
    }
    if (refillPeriod == null) {
      throw new IllegalArgumentException("refillPeriod must not be null");
    }
    if (refillPeriod.isNegative() || refillPeriod.isZero()) {
      throw new IllegalArgumentException("refillPeriod must be longer than zero, was " + refillPeriod);
    }
    if (time == null) {
      throw new IllegalArgumentException("time source must not be null");
    }
    long nanos;
    try {
      nanos = refillPeriod.toNanos();
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("refillPeriod is too long, was " + refillPeriod, e);
    }
    if (capacity > (MAX_SCALED_CAPACITY - 1) / nanos) {
      throw new IllegalArgumentException("capacity x refillPeriod must stay below 2^62 nanoseconds, was "
          + capacity + " x " + nanos + " ns");
    }
    this.capacity = capacity;
    this.refillTokens = refillTokens;
    this.periodNanos = nanos;
    this.scaledCapacity = capacity * nanos;
    this.fullRefillNanos = ceilDiv(scaledCapacity, refillTokens);
    this.time = time;
    this.lastSweep = new AtomicLong(time.nanoTime());
  }

  /** Same as {@code tryAcquire(key, 1)}. */
  public Decision tryAcquire(String key) {
    return tryAcquire(key, 1);
  }

  /**
   * Takes {@code permits} tokens from the key's bucket if it holds that many, else takes nothing.
   *
   * @throws IllegalArgumentException if permits is zero or negative
   */
  public Decision tryAcquire(String key, long permits) {
    if (permits <= 0) {
      throw new IllegalArgumentException("permits must be greater than 0, was " + permits);
    }
    Objects.requireNonNull(key, "key");
    long now = time.nanoTime();
    Decision[] result = new Decision[1];
    buckets.compute(key, (k, old) -> {
      Bucket bucket = old == null ? new Bucket(scaledCapacity, now) : refill(old, now);
      if (permits <= capacity && bucket.level() >= permits * periodNanos) {
        bucket = new Bucket(bucket.level() - permits * periodNanos, bucket.stamp());
        result[0] = new Decision(true, wholeTokens(bucket), 0, resetAfter(bucket));
      } else {
        long retryAfter = permits > capacity
            ? Long.MAX_VALUE
            : ceilDiv(permits * periodNanos - bucket.level(), refillTokens);
        result[0] = new Decision(false, wholeTokens(bucket), retryAfter, resetAfter(bucket));
      }
      return bucket;
    });
    maybeSweep(now);
    return result[0];
  }

  /** Whole tokens the key's bucket holds now (refilled as of now), without consuming any. */
  public long availableTokens(String key) {
    Objects.requireNonNull(key, "key");
    long now = time.nanoTime();
    Bucket bucket = buckets.computeIfPresent(key, (k, old) -> refill(old, now));
    maybeSweep(now);
    return bucket == null ? capacity : wholeTokens(bucket);
  }

  /** Number of buckets currently held in memory. */
  public int trackedKeys() {
    maybeSweep(time.nanoTime());
    return buckets.size();
  }

  /** The capacity this limiter was built with (for the HTTP headers). */
  public long capacity() {
    return capacity;
  }

  /**
   * Nanoseconds an empty bucket takes to become full: {@code ceil(capacity * refillPeriod /
   * refillTokens)} (for the HTTP headers).
   */
  public long fullRefillNanos() {
    return fullRefillNanos;
  }

  private Bucket refill(Bucket bucket, long now) {
    long elapsed = now - bucket.stamp();
    if (elapsed <= 0) {
      return bucket; // clock stood still or went backwards: keep the latest reading counted
    }
    long missing = scaledCapacity - bucket.level();
    if (elapsed >= ceilDiv(missing, refillTokens)) {
      return new Bucket(scaledCapacity, now);
    }
    // elapsed < missing / refillTokens, so the product stays below missing: no overflow
    return new Bucket(bucket.level() + elapsed * refillTokens, now);
  }

  private long wholeTokens(Bucket bucket) {
    return bucket.level() / periodNanos;
  }

  private long resetAfter(Bucket bucket) {
    return ceilDiv(scaledCapacity - bucket.level(), refillTokens);
  }

  /** Drops full buckets, at most about once per full-refill time, on the calling thread. */
  private void maybeSweep(long now) {
    long last = lastSweep.get();
    if (now - last < fullRefillNanos || !lastSweep.compareAndSet(last, now)) {
      return;
    }
    for (String key : buckets.keySet()) {
      buckets.computeIfPresent(key, (k, bucket) -> {
        Bucket refilled = refill(bucket, now);
        return refilled.level() == scaledCapacity ? null : refilled;
      });
    }
  }

  /** {@code ceil(a / b)} for {@code a >= 0, b > 0}, without overflow. */
  private static long ceilDiv(long a, long b) {
    long q = a / b;
    return a % b == 0 ? q : q + 1;
  }
}
