package com.acme.ratelimit;

import java.math.BigInteger;
import java.time.Duration;

/**
 * The validated configuration of a limiter and the arithmetic of its refill.
 *
 * <p>A bucket holds {@code whole} tokens plus {@code partial / periodNanos} of the next one, and each
 * nanosecond earns {@code tokensPerPeriod} such units, so no fraction is ever rounded away.
 * Intermediate products such as {@code capacity * periodNanos} can exceed 64 bits for long periods
 * (a million tokens per day is 8.64e19 unit-nanoseconds), so they are computed with {@link BigInteger};
 * every result that leaves this class is at most the full-refill time and fits in a {@code long}.
 */
record RefillRate(long capacity, long tokensPerPeriod, long periodNanos, long fullRefillNanos) {

  /** A bucket's content after some time: whole tokens and the units of the next one. */
  record Level(long whole, long partial) {}

  static RefillRate of(long capacity, long refillTokens, Duration refillPeriod) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be greater than 0, was " + capacity);
    }
    if (refillTokens < 1) {
      throw new IllegalArgumentException("refillTokens must be greater than 0, was " + refillTokens);
    }
    if (refillPeriod == null || refillPeriod.compareTo(Duration.ZERO) <= 0) {
      throw new IllegalArgumentException("refillPeriod must be longer than zero, was " + refillPeriod);
    }
    long period;
    try {
      period = refillPeriod.toNanos();
    } catch (ArithmeticException tooLong) {
      throw new IllegalArgumentException("refillPeriod is too long, was " + refillPeriod, tooLong);
    }
    BigInteger full = ceilDiv(BigInteger.valueOf(capacity).multiply(BigInteger.valueOf(period)),
        BigInteger.valueOf(refillTokens));
    if (full.bitLength() > 62) {
      throw new IllegalArgumentException("an empty bucket would take more than 2^62 ns to refill: capacity "
          + capacity + ", " + refillTokens + " tokens per " + refillPeriod);
    }
    return new RefillRate(capacity, refillTokens, period, full.longValueExact());
  }

  /** The fewest nanoseconds after which a bucket at {@code (whole, partial)} holds {@code target} tokens. */
  long nanosUntil(long whole, long partial, long target) {
    BigInteger missing = BigInteger.valueOf(target - whole).multiply(BigInteger.valueOf(periodNanos))
        .subtract(BigInteger.valueOf(partial));
    if (missing.signum() <= 0) {
      return 0;
    }
    return ceilDiv(missing, BigInteger.valueOf(tokensPerPeriod)).longValueExact();
  }

  /**
   * The content of a bucket at {@code (whole, partial)} after {@code elapsed > 0} nanoseconds,
   * capped at the capacity.
   */
  Level after(long whole, long partial, long elapsed) {
    if (elapsed >= nanosUntil(whole, partial, capacity)) {
      return new Level(capacity, 0);
    }
    BigInteger[] split = BigInteger.valueOf(elapsed).multiply(BigInteger.valueOf(tokensPerPeriod))
        .add(BigInteger.valueOf(partial))
        .divideAndRemainder(BigInteger.valueOf(periodNanos));
    return new Level(whole + split[0].longValueExact(), split[1].longValueExact());
  }

  private static BigInteger ceilDiv(BigInteger dividend, BigInteger divisor) {
    BigInteger[] qr = dividend.divideAndRemainder(divisor);
    return qr[1].signum() == 0 ? qr[0] : qr[0].add(BigInteger.ONE);
  }
}
