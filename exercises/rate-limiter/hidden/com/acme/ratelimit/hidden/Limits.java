package com.acme.ratelimit.hidden;

import com.acme.ratelimit.TimeSource;
import com.acme.ratelimit.TokenBucketRateLimiter;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Random;

/** A limiter configuration plus the exact arithmetic the tests expect. */
record Limits(long capacity, long refillTokens, long periodNanos) {

  /** Random configuration; the period gets a random sub-millisecond part so nothing divides evenly. */
  static Limits random(Random random, long minCapacity, long maxCapacity, long minRefill, long maxRefill,
      long minPeriodMillis, long maxPeriodMillis) {
    long capacity = between(random, minCapacity, maxCapacity);
    long refill = between(random, minRefill, Math.min(maxRefill, Math.max(minRefill, capacity)));
    long period = between(random, minPeriodMillis, maxPeriodMillis) * 1_000_000L
        + between(random, 100_000, 900_000);
    return new Limits(capacity, refill, period);
  }

  /**
   * Like {@link #random}, but one token's interval (period / refillTokens) is a whole number of
   * milliseconds plus 0.1 .. 0.9 ms, so polling every millisecond never lines up with it.
   */
  static Limits randomUneven(Random random, long minCapacity, long maxCapacity, long minRefill,
      long maxRefill, long minPeriodMillis, long maxPeriodMillis) {
    while (true) {
      Limits limits = random(random, minCapacity, maxCapacity, minRefill, maxRefill, minPeriodMillis,
          maxPeriodMillis);
      long offGrid = limits.periodNanos / limits.refillTokens % 1_000_000L;
      if (offGrid >= 100_000 && offGrid <= 900_000) {
        return limits;
      }
    }
  }

  static long between(Random random, long min, long max) {
    return min + (long) (random.nextDouble() * (max - min + 1));
  }

  TokenBucketRateLimiter create(TimeSource clock) {
    return new TokenBucketRateLimiter(capacity, refillTokens, period(), clock);
  }

  Duration period() {
    return Duration.ofNanos(periodNanos);
  }

  /** Whole tokens refilled in {@code elapsed} ns starting from an exact token boundary (uncapped). */
  long tokensIn(long elapsedNanos) {
    return BigInteger.valueOf(elapsedNanos).multiply(BigInteger.valueOf(refillTokens))
        .divide(BigInteger.valueOf(periodNanos)).longValueExact();
  }

  /** Nanoseconds to refill {@code tokens} whole tokens from an exact token boundary: ceil(t * P / R). */
  long nanosFor(long tokens) {
    BigInteger[] qr = BigInteger.valueOf(tokens).multiply(BigInteger.valueOf(periodNanos))
        .divideAndRemainder(BigInteger.valueOf(refillTokens));
    return qr[0].longValueExact() + (qr[1].signum() == 0 ? 0 : 1);
  }

  /** Time an empty bucket takes to become full. */
  long fullRefillNanos() {
    return nanosFor(capacity);
  }

  @Override
  public String toString() {
    return "capacity " + capacity + ", " + refillTokens + " token(s) per " + describe(periodNanos);
  }

  /** Human-readable duration, e.g. "1.234567 s". */
  static String describe(long nanos) {
    if (Math.abs(nanos) >= 1_000_000_000L) {
      return String.format("%.6f s", nanos / 1e9);
    }
    if (Math.abs(nanos) >= 1_000_000L) {
      return String.format("%.3f ms", nanos / 1e6);
    }
    return nanos + " ns";
  }
}
