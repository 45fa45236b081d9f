package com.acme.ratelimit;

import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A token-bucket rate limiter with one bucket per client key. See README.md for the exact rules.
 *
 * <p>Thread-safe: each bucket is a small mutable object guarded by its own monitor; a bucket that the
 * janitor drops is marked {@code retired} under that monitor, and callers that raced with the janitor
 * simply look the key up again.
 */
public final class TokenBucketRateLimiter {

  private final RefillRate rate;
  private final TimeSource clock;
  private final ConcurrentMap<String, Bucket> bucketsByKey = new ConcurrentHashMap<>();
  private final ReentrantLock janitor = new ReentrantLock();
  private volatile long nextCleanupAt;

  /**
   * @param capacity the most tokens a bucket holds; a new bucket starts with this many (> 0)
   * @param refillTokens tokens added per {@code refillPeriod} (> 0), continuously
   * @param refillPeriod the period over which {@code refillTokens} tokens are added (> 0)
   * @param time the clock to read
   * @throws IllegalArgumentException if capacity or refillTokens is not positive, or refillPeriod
   *     is zero or negative
   */
  public TokenBucketRateLimiter(long capacity, long refillTokens, Duration refillPeriod, TimeSource time) {
    this.rate = RefillRate.of(capacity, refillTokens, refillPeriod);
    if (time == null) {
      throw new IllegalArgumentException("time must not be null");
    }
    this.clock = time;
    this.nextCleanupAt = time.nanoTime() + rate.fullRefillNanos();
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
    if (permits < 1) {
      throw new IllegalArgumentException("permits must be at least 1, was " + permits);
    }
    if (key == null) {
      throw new NullPointerException("key must not be null");
    }
    final long now = clock.nanoTime();
    Decision decision;
    while (true) {
      Bucket bucket = bucketsByKey.computeIfAbsent(key, k -> new Bucket(rate, now));
      synchronized (bucket) {
        if (bucket.retired) {
          continue; // the janitor dropped it while we were looking: take the fresh one
        }
        decision = bucket.take(permits, now);
        break;
      }
    }
    cleanUpIfDue(now);
    return decision;
  }

  /** Whole tokens the key's bucket holds now (refilled as of now), without consuming any. */
  public long availableTokens(String key) {
    if (key == null) {
      throw new NullPointerException("key must not be null");
    }
    final long now = clock.nanoTime();
    long tokens = rate.capacity();
    Bucket bucket = bucketsByKey.get(key);
    if (bucket != null) {
      synchronized (bucket) {
        if (!bucket.retired) {
          bucket.advanceTo(now);
          tokens = bucket.whole;
        }
      }
    }
    cleanUpIfDue(now);
    return tokens;
  }

  /** Number of buckets currently held in memory. */
  public int trackedKeys() {
    return bucketsByKey.size();
  }

  /** The capacity this limiter was built with (for the HTTP headers). */
  public long capacity() {
    return rate.capacity();
  }

  /**
   * Nanoseconds an empty bucket takes to become full: {@code ceil(capacity * refillPeriod /
   * refillTokens)} (for the HTTP headers).
   */
  public long fullRefillNanos() {
    return rate.fullRefillNanos();
  }

  /** Every full-refill time, the calling thread drops the buckets that are full again. */
  private void cleanUpIfDue(long now) {
    if (now - nextCleanupAt < 0 || !janitor.tryLock()) {
      return;
    }
    try {
      if (now - nextCleanupAt < 0) {
        return; // another thread just did it
      }
      nextCleanupAt = now + rate.fullRefillNanos();
      Iterator<Map.Entry<String, Bucket>> entries = bucketsByKey.entrySet().iterator();
      while (entries.hasNext()) {
        Map.Entry<String, Bucket> entry = entries.next();
        Bucket bucket = entry.getValue();
        synchronized (bucket) {
          bucket.advanceTo(now);
          if (!bucket.retired && bucket.isFull()) {
            bucket.retired = true;
            bucketsByKey.remove(entry.getKey(), bucket);
          }
        }
      }
    } finally {
      janitor.unlock();
    }
  }

  /**
   * One client's bucket: {@code whole} tokens plus {@code partial / periodNanos} of the next one.
   * Guarded by its own monitor.
   */
  private static final class Bucket {
    private final RefillRate rate;
    private long whole;
    private long partial;
    private long lastSeen;
    private boolean retired;

    Bucket(RefillRate rate, long now) {
      this.rate = rate;
      this.whole = rate.capacity();
      this.partial = 0;
      this.lastSeen = now;
    }

    boolean isFull() {
      return whole == rate.capacity();
    }

    /** Adds the tokens earned since the latest reading counted; a reading from the past adds nothing. */
    void advanceTo(long now) {
      long elapsed = now - lastSeen;
      if (elapsed <= 0) {
        return;
      }
      lastSeen = now;
      if (isFull()) {
        return;
      }
      RefillRate.Level level = rate.after(whole, partial, elapsed);
      whole = level.whole();
      partial = level.partial();
    }

    Decision take(long permits, long now) {
      advanceTo(now);
      if (permits > rate.capacity()) {
        return new Decision(false, whole, Long.MAX_VALUE, nanosUntilFull());
      }
      if (whole >= permits) {
        whole -= permits;
        return new Decision(true, whole, 0, nanosUntilFull());
      }
      long wait = rate.nanosUntil(whole, partial, permits);
      return new Decision(false, whole, wait, nanosUntilFull());
    }

    private long nanosUntilFull() {
      return rate.nanosUntil(whole, partial, rate.capacity());
    }
  }
}
