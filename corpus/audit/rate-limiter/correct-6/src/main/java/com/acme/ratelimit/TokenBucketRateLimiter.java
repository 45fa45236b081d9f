package com.acme.ratelimit;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token-bucket rate limiter with one bucket per client key. See README.md for the exact rules.
 *
 * <p>Thread-safe: any number of threads may call any method at the same time.
 *
 * <p>Design: each bucket is an immutable {@link Level} swapped with compare-and-set, in exact
 * fixed-point units (one token = {@code refillPeriodNanos} units, {@code refillTokens} units per
 * nanosecond). A bucket found full by the periodic sweep is first retired with a compare-and-set and
 * only then removed from the map, so a request racing the sweep either lands before retirement (and
 * the bucket is no longer full, so it is kept) or sees the retirement and starts a fresh bucket.
 */
public final class TokenBucketRateLimiter {

  private static final long CONFIG_LIMIT = 1L << 62;

  private final long capacity;
  private final long refillTokens;
  private final long periodNanos;
  private final long fullUnits;
  private final long fullRefillNanos;
  private final TimeSource time;
  private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();
  private final SweepSchedule sweeps;

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
    long period;
    try {
      period = refillPeriod.toNanos();
    } catch (ArithmeticException tooLong) {
      throw new IllegalArgumentException("refillPeriod is too long to count in nanoseconds, was " + refillPeriod);
    }
    if (Math.multiplyHigh(capacity, period) != 0 || capacity * period >= CONFIG_LIMIT) {
      throw new IllegalArgumentException("capacity x refillPeriod must stay below 2^62 ns, was "
          + capacity + " x " + period + " ns");
    }
    this.capacity = capacity;
    this.refillTokens = refillTokens;
    this.periodNanos = period;
    this.fullUnits = capacity * period;
    this.fullRefillNanos = ceilDiv(fullUnits, refillTokens);
    this.time = time;
    this.sweeps = new SweepSchedule(fullRefillNanos);
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
    Objects.requireNonNull(key, "key must not be null");
    long now = time.nanoTime();
    sweepIfDue(now);

    if (permits > capacity) {
      Level seen = observe(key, now);
      return new Decision(false, wholeTokens(seen), Long.MAX_VALUE, resetAfter(seen));
    }
    long wanted = permits * periodNanos;
    while (true) {
      Bucket bucket = bucketFor(key, now);
      Level current = bucket.current();
      if (current == Level.RETIRED) {
        continue; // swept just now: bucketFor installs a fresh one
      }
      Level refilled = refill(current, now);
      if (refilled.units() >= wanted) {
        Level taken = new Level(refilled.units() - wanted, refilled.stamp());
        if (bucket.replace(current, taken)) {
          return new Decision(true, wholeTokens(taken), 0, resetAfter(taken));
        }
      } else if (bucket.replace(current, refilled)) {
        long retry = ceilDiv(wanted - refilled.units(), refillTokens);
        return new Decision(false, wholeTokens(refilled), retry, resetAfter(refilled));
      }
    }
  }

  /** Whole tokens the key's bucket holds now (refilled as of now), without consuming any. */
  public long availableTokens(String key) {
    Objects.requireNonNull(key, "key must not be null");
    long now = time.nanoTime();
    sweepIfDue(now);
    return wholeTokens(observe(key, now));
  }

  /** Number of buckets currently held in memory. */
  public int trackedKeys() {
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

  // --- buckets -------------------------------------------------------------------------------

  /** The key's live bucket, creating a full one if the key is untracked or its bucket was swept. */
  private Bucket bucketFor(String key, long now) {
    Bucket bucket = buckets.get(key);
    if (bucket != null && !bucket.isRetired()) {
      return bucket;
    }
    return buckets.compute(key, (k, old) ->
        old == null || old.isRetired() ? new Bucket(new Level(fullUnits, now)) : old);
  }

  /**
   * The key's level refilled up to {@code now}, recording the reading in the bucket; an untracked key
   * reads as full and is not added to the map.
   */
  private Level observe(String key, long now) {
    while (true) {
      Bucket bucket = buckets.get(key);
      if (bucket == null) {
        return new Level(fullUnits, now);
      }
      Level current = bucket.current();
      if (current == Level.RETIRED) {
        if (buckets.get(key) == bucket) {
          return new Level(fullUnits, now); // swept and not replaced yet: the key is untracked
        }
        continue; // a fresh bucket has taken its place: read that one
      }
      Level refilled = refill(current, now);
      if (bucket.replace(current, refilled)) {
        return refilled;
      }
    }
  }

  /**
   * The level after the time since {@code level.stamp()} has been counted. A reading at or before the
   * stamp (clock frozen or gone backwards) changes nothing and leaves the stamp where it is.
   */
  private Level refill(Level level, long now) {
    long elapsed = now - level.stamp();
    if (elapsed <= 0) {
      return level;
    }
    long missing = fullUnits - level.units();
    if (missing == 0 || elapsed >= ceilDiv(missing, refillTokens)) {
      return new Level(fullUnits, now);
    }
    // elapsed < missing / refillTokens here, so the product stays below fullUnits: no overflow.
    return new Level(level.units() + elapsed * refillTokens, now);
  }

  private long wholeTokens(Level level) {
    return level.units() / periodNanos;
  }

  private long resetAfter(Level level) {
    return ceilDiv(fullUnits - level.units(), refillTokens);
  }

  // --- memory --------------------------------------------------------------------------------

  private void sweepIfDue(long now) {
    if (sweeps.claim(now)) {
      sweep(now);
    }
  }

  /** Drops every bucket that is full at {@code now}; a bucket that is not full is never touched. */
  private void sweep(long now) {
    for (Map.Entry<String, Bucket> entry : buckets.entrySet()) {
      Bucket bucket = entry.getValue();
      if (retireIfFull(bucket, now)) {
        buckets.remove(entry.getKey(), bucket);
      }
    }
  }

  private boolean retireIfFull(Bucket bucket, long now) {
    while (true) {
      Level current = bucket.current();
      if (current == Level.RETIRED) {
        return true;
      }
      if (refill(current, now).units() < fullUnits) {
        return false;
      }
      if (bucket.replace(current, Level.RETIRED)) {
        return true;
      }
    }
  }

  /** {@code ceil(a / b)} for {@code a >= 0}, {@code b > 0}, without overflow. */
  private static long ceilDiv(long a, long b) {
    long q = a / b;
    return a % b == 0 ? q : q + 1;
  }
}
