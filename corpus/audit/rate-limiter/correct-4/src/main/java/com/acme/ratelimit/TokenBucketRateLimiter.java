package com.acme.ratelimit;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A token-bucket rate limiter with one bucket per client key. See README.md for the exact rules.
 *
 * <p>Thread-safe: any number of threads may call any method at the same time.
 *
 * <p>Arithmetic is exact and integer-only. A bucket's level is counted in "units": one whole token is
 * {@code tokenUnits} units and every nanosecond adds {@code unitsPerNano} units, where the two are
 * {@code refillPeriodNanos} and {@code refillTokens} divided by their greatest common divisor. So no
 * fraction of a token is ever rounded away.
 */
public final class TokenBucketRateLimiter {

  private static final long LIMIT = 1L << 62;

  private final long capacity;
  private final long tokenUnits;
  private final long unitsPerNano;
  private final long fullUnits;
  private final long fullRefillNanos;
  private final TimeSource time;

  private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();
  /** Clock reading of the latest sweep for full buckets (or of construction). */
  private final AtomicLong lastSweep;

  /** One key's bucket. Guarded by its own monitor. */
  private static final class Bucket {
    /** Units in the bucket, 0..fullUnits. */
    long level;
    /** The latest clock reading already counted. Never moves backwards. */
    long stamp;
    /** Set (under the monitor) when a sweep has removed this bucket from the map. */
    boolean retired;

    Bucket(long level, long stamp) {
      this.level = level;
      this.stamp = stamp;
    }
  }

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
      throw new IllegalArgumentException("time must not be null");
    }
    long periodNanos;
    try {
      periodNanos = refillPeriod.toNanos();
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("refillPeriod is too long: " + refillPeriod, e);
    }
    long g = gcd(periodNanos, refillTokens);
    this.tokenUnits = periodNanos / g;
    this.unitsPerNano = refillTokens / g;
    if (capacity > (LIMIT - 1) / tokenUnits) { // i.e. capacity * tokenUnits >= 2^62
      throw new IllegalArgumentException("capacity x refillPeriod is too large: capacity " + capacity
          + ", refillPeriod " + refillPeriod + " (must stay below 2^62 ns)");
    }
    this.capacity = capacity;
    this.fullUnits = capacity * tokenUnits;
    this.fullRefillNanos = ceilDiv(fullUnits, unitsPerNano);
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
    Objects.requireNonNull(key, "key");
    if (permits <= 0) {
      throw new IllegalArgumentException("permits must be greater than 0, was " + permits);
    }
    long now = time.nanoTime();
    maybeSweep(now);
    while (true) {
      Bucket bucket = buckets.computeIfAbsent(key, k -> new Bucket(fullUnits, now));
      synchronized (bucket) {
        if (bucket.retired) {
          continue; // a sweep dropped it while we were looking it up: use the new one
        }
        refill(bucket, now);
        return decide(bucket, permits);
      }
    }
  }

  /** Whole tokens the key's bucket holds now (refilled as of now), without consuming any. */
  public long availableTokens(String key) {
    Objects.requireNonNull(key, "key");
    long now = time.nanoTime();
    maybeSweep(now);
    while (true) {
      Bucket bucket = buckets.get(key);
      if (bucket == null) {
        return capacity; // untracked: equivalent to a full bucket
      }
      synchronized (bucket) {
        if (bucket.retired) {
          continue;
        }
        refill(bucket, now);
        return bucket.level / tokenUnits;
      }
    }
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

  // --- internals -------------------------------------------------------------------------------

  /** Adds the tokens accrued since the bucket's latest counted reading. Caller holds the monitor. */
  private void refill(Bucket bucket, long now) {
    long elapsed = now - bucket.stamp;
    if (elapsed <= 0) {
      return; // same instant, or the clock went backwards: adds nothing, keeps the reference point
    }
    long missing = fullUnits - bucket.level;
    if (missing > 0) {
      // compare before multiplying: elapsed may be centuries
      if (elapsed >= ceilDiv(missing, unitsPerNano)) {
        bucket.level = fullUnits;
      } else {
        bucket.level += elapsed * unitsPerNano; // < missing, so no overflow
      }
    }
    bucket.stamp = now; // time spent full banks nothing
  }

  /** Decides a request on a refilled bucket. Caller holds the monitor. */
  private Decision decide(Bucket bucket, long permits) {
    if (permits > capacity) {
      return new Decision(false, bucket.level / tokenUnits, Long.MAX_VALUE, resetAfter(bucket));
    }
    long cost = permits * tokenUnits; // <= fullUnits < 2^62
    if (bucket.level >= cost) {
      bucket.level -= cost;
      return new Decision(true, bucket.level / tokenUnits, 0, resetAfter(bucket));
    }
    long retryAfter = ceilDiv(cost - bucket.level, unitsPerNano);
    return new Decision(false, bucket.level / tokenUnits, retryAfter, resetAfter(bucket));
  }

  private long resetAfter(Bucket bucket) {
    return ceilDiv(fullUnits - bucket.level, unitsPerNano);
  }

  /** Runs a sweep on the calling thread when one full-refill time has passed since the last. */
  private void maybeSweep(long now) {
    long last = lastSweep.get();
    if (now - last >= fullRefillNanos && lastSweep.compareAndSet(last, now)) {
      sweep(now);
    }
  }

  /** Drops every bucket that is full: it is equivalent to a new one. */
  private void sweep(long now) {
    for (Map.Entry<String, Bucket> entry : buckets.entrySet()) {
      Bucket bucket = entry.getValue();
      synchronized (bucket) {
        if (bucket.retired) {
          continue;
        }
        refill(bucket, now);
        if (bucket.level == fullUnits) {
          bucket.retired = true;
          buckets.remove(entry.getKey(), bucket);
        }
      }
    }
  }

  private static long ceilDiv(long x, long y) {
    long q = x / y;
    return (x % y == 0) ? q : q + 1; // x >= 0, y > 0
  }

  private static long gcd(long a, long b) {
    while (b != 0) {
      long t = a % b;
      a = b;
      b = t;
    }
    return a;
  }
}
