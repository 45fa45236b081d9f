package com.acme.ratelimit;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** Token buckets kept as "virtual time at which the bucket was drained" (GCRA style), one per key. */
public final class TokenBucketRateLimiter {

  private final long capacity;
  private final long tokenCost;
  private final TimeSource time;
  private final Map<String, long[]> drainedSince = new HashMap<>();

  public TokenBucketRateLimiter(long capacity, long refillTokens, Duration refillPeriod, TimeSource time) {
    if (capacity <= 0 || refillTokens <= 0) {
      throw new IllegalArgumentException("capacity and refillTokens must be positive");
    }
    if (refillPeriod == null || refillPeriod.isZero() || refillPeriod.isNegative()) {
      throw new IllegalArgumentException("refillPeriod must be positive");
    }
    this.capacity = capacity;
    this.tokenCost = Math.max(1, refillPeriod.toNanos() / refillTokens);
    this.time = time;
  }

  public Decision tryAcquire(String key) {
    return tryAcquire(key, 1);
  }

  public synchronized Decision tryAcquire(String key, long permits) {
    if (permits <= 0) {
      throw new IllegalArgumentException("permits must be positive");
    }
    long clock = time.nanoTime();
    long[] slot = drainedSince.computeIfAbsent(key, k -> new long[] {clock - fullRefillNanos()});
    long lowest = clock - fullRefillNanos();
    if (slot[0] < lowest) {
      slot[0] = lowest;
    }
    long price = permits * tokenCost;
    if (permits > capacity) {
      return new Decision(false, countTokens(slot[0], clock), Long.MAX_VALUE, untilFull(slot[0], clock));
    }
    if (slot[0] + price <= clock) {
      slot[0] += price;
      return new Decision(true, countTokens(slot[0], clock), 0, untilFull(slot[0], clock));
    }
    long pause = slot[0] + price - clock;
    return new Decision(false, countTokens(slot[0], clock), pause, untilFull(slot[0], clock));
  }

  public synchronized long availableTokens(String key) {
    long clock = time.nanoTime();
    long[] slot = drainedSince.get(key);
    return slot == null ? capacity : countTokens(slot[0], clock);
  }

  public long capacity() {
    return capacity;
  }

  public synchronized int trackedKeys() {
    long clock = time.nanoTime();
    drainedSince.values().removeIf(s -> untilFull(s[0], clock) == 0);
    return drainedSince.size();
  }

  public long fullRefillNanos() {
    return capacity * tokenCost;
  }

  private long untilFull(long drained, long clock) {
    long full = drained + fullRefillNanos();
    return full > clock ? full - clock : 0;
  }

  private long countTokens(long drained, long clock) {
    return Math.min(capacity, (clock - drained) / tokenCost);
  }
}
