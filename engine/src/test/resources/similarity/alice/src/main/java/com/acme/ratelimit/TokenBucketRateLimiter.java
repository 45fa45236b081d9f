package com.acme.ratelimit;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** Token buckets kept as "virtual time at which the bucket was empty" (GCRA style), one per key. */
public final class TokenBucketRateLimiter {

  private final long capacity;
  private final long nanosPerToken;
  private final TimeSource time;
  private final Map<String, long[]> emptyAt = new HashMap<>();

  public TokenBucketRateLimiter(long capacity, long refillTokens, Duration refillPeriod, TimeSource time) {
    if (capacity <= 0 || refillTokens <= 0) {
      throw new IllegalArgumentException("capacity and refillTokens must be positive");
    }
    if (refillPeriod == null || refillPeriod.isZero() || refillPeriod.isNegative()) {
      throw new IllegalArgumentException("refillPeriod must be positive");
    }
    this.capacity = capacity;
    this.nanosPerToken = Math.max(1, refillPeriod.toNanos() / refillTokens);
    this.time = time;
  }

  public Decision tryAcquire(String key) {
    return tryAcquire(key, 1);
  }

  public synchronized Decision tryAcquire(String key, long permits) {
    if (permits <= 0) {
      throw new IllegalArgumentException("permits must be positive");
    }
    long now = time.nanoTime();
    long[] state = emptyAt.computeIfAbsent(key, k -> new long[] {now - fullRefillNanos()});
    long floor = now - fullRefillNanos();
    if (state[0] < floor) {
      state[0] = floor;
    }
    long cost = permits * nanosPerToken;
    if (permits > capacity) {
      return new Decision(false, tokens(state[0], now), Long.MAX_VALUE, resetAfter(state[0], now));
    }
    if (state[0] + cost <= now) {
      state[0] += cost;
      return new Decision(true, tokens(state[0], now), 0, resetAfter(state[0], now));
    }
    long wait = state[0] + cost - now;
    return new Decision(false, tokens(state[0], now), wait, resetAfter(state[0], now));
  }

  private long tokens(long empty, long now) {
    return Math.min(capacity, (now - empty) / nanosPerToken);
  }

  private long resetAfter(long empty, long now) {
    long full = empty + fullRefillNanos();
    return full > now ? full - now : 0;
  }

  public synchronized long availableTokens(String key) {
    long now = time.nanoTime();
    long[] state = emptyAt.get(key);
    return state == null ? capacity : tokens(state[0], now);
  }

  public synchronized int trackedKeys() {
    long now = time.nanoTime();
    emptyAt.values().removeIf(s -> resetAfter(s[0], now) == 0);
    return emptyAt.size();
  }

  public long capacity() {
    return capacity;
  }

  public long fullRefillNanos() {
    return capacity * nanosPerToken;
  }
}
