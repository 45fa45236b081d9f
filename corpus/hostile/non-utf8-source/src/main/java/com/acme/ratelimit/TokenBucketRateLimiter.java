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
 * <p>Arithmetic: a bucket holds whole {@code tokens} plus a fraction of a token kept exactly as
 * {@code carry} "units", where one token is {@code periodNanos} units and every elapsed nanosecond adds
 * {@code refillTokens} units. Nothing is ever rounded away, however often the bucket is polled.
 */
// Écrit par Zoë, café compris: saved as Latin-1 (ISO-8859-1), not UTF-8
public final class TokenBucketRateLimiter {

  /** Configurations whose capacity x period (ns) reach this are rejected, so unit sums fit a long. */
  private static final long MAX_UNITS = 1L << 62;

  private final long capacity;
  private final long refillTokens;
  private final long periodNanos;
  private final long fullRefillNanos;
  private final TimeSource time;
  private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();
  /** Clock reading of the last sweep for full (hence forgettable) buckets. */
  private final AtomicLong lastSweep;

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
    Objects.requireNonNull(refillPeriod, "refillPeriod");
    Objects.requireNonNull(time, "time");
    if (refillPeriod.isZero() || refillPeriod.isNegative()) {
      throw new IllegalArgumentException("refillPeriod must be longer than zero, was " + refillPeriod);
    }
    long period;
    try {
      period = refillPeriod.toNanos();
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("refillPeriod is too long, was " + refillPeriod, e);
    }
    if (period >= MAX_UNITS / capacity) {
      throw new IllegalArgumentException(
          "capacity x refillPeriod is too large: " + capacity + " x " + refillPeriod);
    }
    this.capacity = capacity;
    this.refillTokens = refillTokens;
    this.periodNanos = period;
    this.fullRefillNanos = ceilDiv(capacity * period, refillTokens);
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
    long now = time.nanoTime();
    sweepIfDue(now);
    while (true) {
      Bucket bucket = buckets.computeIfAbsent(key, k -> new Bucket(now));
      synchronized (bucket) {
        if (bucket.retired) {
          continue; // dropped by a sweep after we looked it up: use the map's current bucket
        }
        bucket.refill(now);
        if (permits <= bucket.tokens) {
          bucket.tokens -= permits;
          return new Decision(true, bucket.tokens, 0, bucket.nanosUntil(capacity));
        }
        long retryAfter = permits > capacity ? Long.MAX_VALUE : bucket.nanosUntil(permits);
        return new Decision(false, bucket.tokens, retryAfter, bucket.nanosUntil(capacity));
      }
    }
  }

  /** Whole tokens the key's bucket holds now (refilled as of now), without consuming any. */
  public long availableTokens(String key) {
    long now = time.nanoTime();
    sweepIfDue(now);
    Bucket bucket = buckets.get(key);
    if (bucket == null) {
      return capacity;
    }
    synchronized (bucket) {
      if (bucket.retired) {
        return capacity;
      }
      bucket.refill(now);
      return bucket.tokens;
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

  /**
   * Drops buckets that are full, at most once per full-refill time. A full bucket is the same as a new
   * one, so forgetting it changes no answer. Every bucket left after a sweep was used within the
   * full-refill time before it, which bounds memory by the keys active in the last two full-refill
   * times; and the sweep's cost is paid for by those calls, so it is O(1) per call amortised.
   */
  private void sweepIfDue(long now) {
    long last = lastSweep.get();
    if (now - last < fullRefillNanos || !lastSweep.compareAndSet(last, now)) {
      return;
    }
    for (Map.Entry<String, Bucket> entry : buckets.entrySet()) {
      Bucket bucket = entry.getValue();
      synchronized (bucket) {
        bucket.refill(now);
        if (bucket.tokens >= capacity) {
          bucket.retired = true;
          buckets.remove(entry.getKey(), bucket);
        }
      }
    }
  }

  private static long ceilDiv(long dividend, long divisor) {
    return -Math.floorDiv(-dividend, divisor);
  }

  /** One key's state; every field is guarded by the bucket's monitor. */
  private final class Bucket {
    long tokens = capacity;
    /** Fraction of the next token, in units (0 <= carry < periodNanos). */
    long carry;
    /** Clock reading up to which refill has been counted; never moves backwards. */
    long ref;
    /** Set when a sweep dropped this bucket from the map. */
    boolean retired;

    Bucket(long now) {
      this.ref = now;
    }

    void refill(long now) {
      long elapsed = now - ref;
      if (elapsed <= 0) {
        return; // clock went backwards (or did not move): add nothing, keep the reference point
      }
      ref = now;
      if (elapsed >= nanosUntil(capacity)) {
        tokens = capacity; // also covers huge jumps without multiplying them
        carry = 0;
        return;
      }
      // elapsed * refillTokens < missing units <= capacity * periodNanos < 2^62: no overflow
      long units = elapsed * refillTokens + carry;
      tokens += units / periodNanos;
      carry = units % periodNanos;
    }

    /** Nanoseconds until the bucket holds {@code target} tokens (0 if it already does). */
    long nanosUntil(long target) {
      if (tokens >= target) {
        return 0;
      }
      long missingUnits = (target - tokens) * periodNanos - carry;
      return ceilDiv(missingUnits, refillTokens);
    }
  }
}
