package com.acme.ratelimit;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A token-bucket rate limiter with one bucket per client key. See README.md for the exact rules.
 *
 * <p>Thread-safe: any number of threads may call any method at the same time.
 *
 * <p>Representation: a bucket's level is kept in "scaled" units, {@code tokens × refillPeriodNanos}.
 * Over {@code d} nanoseconds a bucket gains exactly {@code d × refillTokens} units, so refill is
 * exact integer arithmetic and no fraction of a token is ever lost. A full bucket holds
 * {@code capacity × refillPeriodNanos} units, which the constructor keeps below 2^62.
 */
public final class TokenBucketRateLimiter {

  private static final long MAX_SCALED_CAPACITY = 1L << 62;

  /** Stands in for a {@code null} key, which {@link ConcurrentHashMap} cannot hold. */
  private static final Object NULL_KEY = new Object();

  private final long capacity;
  private final long refillTokens;
  private final long periodNanos;
  /** {@code capacity × periodNanos}: the level of a full bucket, in scaled units. */
  private final long fullLevel;
  /** {@code ceil(fullLevel / refillTokens)}: nanoseconds for an empty bucket to fill. */
  private final long fullRefillNanos;
  private final TimeSource time;

  private final ConcurrentMap<Object, Bucket> buckets = new ConcurrentHashMap<>();
  /** Clock reading of the latest sweep for full buckets. */
  private final AtomicLong lastSweep;

  /** One key's bucket. All fields are guarded by the bucket's own monitor. */
  private static final class Bucket {
    /** Tokens × periodNanos, including the fraction of the next token. */
    long level;
    /** The latest clock reading already counted for refill; never moves backwards. */
    long last;
    /** Set (under the lock) when a sweep has dropped this bucket from the map. */
    boolean removed;
    /** The bucket's key in the map, so that a sweep can remove exactly this bucket. */
    final Object key;

    Bucket(Object key, long level, long last) {
      this.key = key;
      this.level = level;
      this.last = last;
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
    if (refillPeriod.isZero() || refillPeriod.isNegative()) {
      throw new IllegalArgumentException("refillPeriod must be longer than zero, was " + refillPeriod);
    }
    long nanos;
    try {
      nanos = refillPeriod.toNanos();
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("refillPeriod is too long, was " + refillPeriod, e);
    }
    if (nanos <= 0) {
      // A positive period shorter than one nanosecond.
      throw new IllegalArgumentException(
          "refillPeriod must be at least 1 nanosecond, was " + refillPeriod);
    }
    long scaled;
    try {
      scaled = Math.multiplyExact(capacity, nanos);
    } catch (ArithmeticException e) {
      scaled = Long.MAX_VALUE;
    }
    if (scaled >= MAX_SCALED_CAPACITY) {
      throw new IllegalArgumentException(
          "capacity x refillPeriod must stay below 2^62 nanoseconds, was capacity " + capacity
              + " with refillPeriod " + refillPeriod);
    }
    this.time = Objects.requireNonNull(time, "time must not be null");
    this.capacity = capacity;
    this.refillTokens = refillTokens;
    this.periodNanos = nanos;
    this.fullLevel = scaled;
    this.fullRefillNanos = ceilDiv(scaled, refillTokens);
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
    maybeSweep();
    Object mapKey = mapKey(key);
    if (permits > capacity) {
      // Can never succeed: take nothing, and do not start tracking a key just for this.
      Bucket bucket = buckets.get(mapKey);
      if (bucket != null) {
        synchronized (bucket) {
          if (!bucket.removed) {
            refill(bucket, time.nanoTime());
            return new Decision(false, bucket.level / periodNanos, Long.MAX_VALUE, resetAfter(bucket.level));
          }
        }
      }
      // Untracked (or just dropped because it was full): a full bucket.
      return new Decision(false, capacity, Long.MAX_VALUE, 0);
    }
    long needed = permits * periodNanos; // permits <= capacity, so this is <= fullLevel < 2^62
    while (true) {
      Bucket bucket = buckets.computeIfAbsent(mapKey, k -> new Bucket(k, fullLevel, time.nanoTime()));
      synchronized (bucket) {
        if (bucket.removed) {
          continue; // a sweep dropped it (it was full): start over with a fresh one
        }
        refill(bucket, time.nanoTime());
        if (bucket.level >= needed) {
          bucket.level -= needed;
          return new Decision(true, bucket.level / periodNanos, 0, resetAfter(bucket.level));
        }
        long retryAfter = ceilDiv(needed - bucket.level, refillTokens);
        return new Decision(false, bucket.level / periodNanos, retryAfter, resetAfter(bucket.level));
      }
    }
  }

  /** Whole tokens the key's bucket holds now (refilled as of now), without consuming any. */
  public long availableTokens(String key) {
    maybeSweep();
    Bucket bucket = buckets.get(mapKey(key));
    if (bucket == null) {
      return capacity;
    }
    synchronized (bucket) {
      if (bucket.removed) {
        return capacity;
      }
      refill(bucket, time.nanoTime());
      return bucket.level / periodNanos;
    }
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

  /** Brings the bucket up to {@code now}. Caller holds the bucket's lock. */
  private void refill(Bucket bucket, long now) {
    long elapsed = now - bucket.last;
    if (elapsed <= 0) {
      return; // clock frozen or gone backwards: nothing added, reference point kept
    }
    bucket.last = now;
    long room = fullLevel - bucket.level;
    if (room <= 0) {
      return; // full: time spent full banks nothing
    }
    if (elapsed >= fullRefillNanos) {
      bucket.level = fullLevel;
      return;
    }
    // elapsed <= fullRefillNanos - 1, so elapsed * refillTokens < fullLevel < 2^62: no overflow.
    long gain = elapsed * refillTokens;
    bucket.level = gain >= room ? fullLevel : bucket.level + gain;
  }

  private long resetAfter(long level) {
    return level >= fullLevel ? 0 : ceilDiv(fullLevel - level, refillTokens);
  }

  /**
   * Drops buckets that are full, about once per full-refill time, on the calling thread. A bucket
   * untouched for {@code F} nanoseconds is full, so what stays is what was used recently.
   */
  private void maybeSweep() {
    long now = time.nanoTime();
    long previous = lastSweep.get();
    if (now - previous < fullRefillNanos) {
      return;
    }
    if (!lastSweep.compareAndSet(previous, now)) {
      return; // another thread is sweeping
    }
    for (Bucket bucket : buckets.values()) {
      synchronized (bucket) {
        if (bucket.removed) {
          continue;
        }
        refill(bucket, time.nanoTime());
        if (bucket.level >= fullLevel) {
          bucket.removed = true;
          buckets.remove(bucket.key, bucket);
        }
      }
    }
  }

  private static Object mapKey(String key) {
    return key == null ? NULL_KEY : key;
  }

  /** {@code ceil(a / b)} for {@code a >= 0, b > 0}, without overflow. */
  static long ceilDiv(long a, long b) {
    long q = a / b;
    return q * b == a ? q : q + 1;
  }
}
