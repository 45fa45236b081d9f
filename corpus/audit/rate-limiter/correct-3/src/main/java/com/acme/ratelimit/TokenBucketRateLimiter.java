package com.acme.ratelimit;

import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A token-bucket rate limiter with one bucket per client key. See README.md for the exact rules.
 *
 * <p>The simplest design that meets every rule: one lock guards everything. Each bucket remembers its
 * <em>debt</em>, how far it is below full, in units of a fraction of a token (see the constructor), and the
 * latest clock reading counted. Buckets live in an access-ordered {@link LinkedHashMap}, so the least
 * recently touched ones are at the head; every call drops full buckets from the head until it meets one
 * that is not full (an incremental, least-recently-used sweep instead of a periodic one).
 */
public final class TokenBucketRateLimiter {

  private final long capacity;
  private final long refillTokens; // reduced: refillTokens / gcd
  private final long periodNanos; // reduced: refillPeriodNanos / gcd
  private final long fullDebt; // capacity * periodNanos
  private final long fullRefillNanos;
  private final TimeSource time;

  private final Object lock = new Object();
  private final LinkedHashMap<String, Bucket> buckets = new LinkedHashMap<>(16, 0.75f, true);

  private static final class Bucket {
    long debt; // 0 = full, fullDebt = empty
    long seen; // latest clock reading counted

    Bucket(long now) {
      this.seen = now;
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
    if (refillPeriod == null || refillPeriod.isNegative() || refillPeriod.isZero()) {
      throw new IllegalArgumentException("refillPeriod must be longer than zero, was " + refillPeriod);
    }
    if (time == null) {
      throw new IllegalArgumentException("time must not be null");
    }
    // Work in units of 1/p token with p = periodNanos / gcd(periodNanos, refillTokens): the same exact
    // arithmetic, but long periods (a million tokens per day) fit in a long.
    long nanos;
    long rate;
    long product;
    try {
      long periodNanos = refillPeriod.toNanos();
      long g = gcd(periodNanos, refillTokens);
      nanos = periodNanos / g;
      rate = refillTokens / g;
      product = Math.multiplyExact(capacity, nanos);
    } catch (ArithmeticException e) {
      product = Long.MAX_VALUE;
      nanos = 0;
      rate = 0;
    }
    if (product >= (1L << 62)) {
      throw new IllegalArgumentException("capacity x refillPeriod must be below 2^62 ns, was capacity "
          + capacity + " and refillPeriod " + refillPeriod);
    }
    this.capacity = capacity;
    this.refillTokens = rate;
    this.periodNanos = nanos;
    this.fullDebt = product;
    this.fullRefillNanos = nanosToRepay(product);
    this.time = time;
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
    if (key == null) {
      throw new NullPointerException("key");
    }
    synchronized (lock) {
      long now = time.nanoTime();
      dropFullBuckets(now);
      Bucket b = buckets.get(key);
      if (b == null) {
        b = new Bucket(now);
        buckets.put(key, b);
      } else {
        settle(b, now);
      }
      if (permits > capacity) {
        return new Decision(false, whole(b), Long.MAX_VALUE, nanosToRepay(b.debt));
      }
      long cost = permits * periodNanos; // <= fullDebt < 2^62
      long afterDebt = b.debt + cost;
      if (afterDebt <= fullDebt) {
        b.debt = afterDebt;
        return new Decision(true, whole(b), 0, nanosToRepay(b.debt));
      }
      return new Decision(false, whole(b), nanosToRepay(afterDebt - fullDebt), nanosToRepay(b.debt));
    }
  }

  /** Whole tokens the key's bucket holds now (refilled as of now), without consuming any. */
  public long availableTokens(String key) {
    if (key == null) {
      throw new NullPointerException("key");
    }
    synchronized (lock) {
      long now = time.nanoTime();
      dropFullBuckets(now);
      Bucket b = buckets.get(key);
      if (b == null) {
        return capacity;
      }
      settle(b, now);
      return whole(b);
    }
  }

  /** Number of buckets currently held in memory. */
  public int trackedKeys() {
    synchronized (lock) {
      dropFullBuckets(time.nanoTime());
      return buckets.size();
    }
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

  /** Repays the debt earned since the latest reading counted; a reading from the past changes nothing. */
  private void settle(Bucket b, long now) {
    long elapsed = now - b.seen;
    if (elapsed <= 0) {
      return;
    }
    b.seen = now;
    if (elapsed >= nanosToRepay(b.debt)) {
      b.debt = 0;
    } else {
      b.debt -= elapsed * refillTokens; // elapsed * refillTokens < debt, no overflow
    }
  }

  /** Least recently touched buckets first: drop them while they are full. */
  private void dropFullBuckets(long now) {
    Iterator<Map.Entry<String, Bucket>> it = buckets.entrySet().iterator();
    while (it.hasNext()) {
      Bucket b = it.next().getValue();
      settle(b, now);
      if (b.debt != 0) {
        return;
      }
      it.remove();
    }
  }

  private long whole(Bucket b) {
    return (fullDebt - b.debt) / periodNanos;
  }

  private static long gcd(long a, long b) {
    while (b != 0) {
      long t = a % b;
      a = b;
      b = t;
    }
    return a;
  }

  /** Nanoseconds until {@code debt} units are repaid: {@code ceil(debt / refillTokens)}. */
  private long nanosToRepay(long debt) {
    return -Math.floorDiv(-debt, refillTokens);
  }
}
