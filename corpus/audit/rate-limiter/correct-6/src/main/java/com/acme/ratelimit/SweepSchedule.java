package com.acme.ratelimit;

import java.util.concurrent.atomic.AtomicReference;

/**
 * Decides, from the callers' clock readings, when the next sweep for full buckets is due: once at
 * least one full-refill time has passed since the previous one. Only one caller wins each sweep.
 */
final class SweepSchedule {

  private final long interval;
  /** Reading of the previous sweep; {@code null} until the first call. Compared by identity. */
  private final AtomicReference<Long> previous = new AtomicReference<>();

  SweepSchedule(long interval) {
    this.interval = interval;
  }

  /** True for exactly one caller once a sweep is due at {@code now}. */
  boolean claim(long now) {
    Long prev = previous.get();
    if (prev == null) {
      previous.compareAndSet(null, now);
      return false;
    }
    long since = now - prev;
    if (since >= interval) {
      return previous.compareAndSet(prev, now);
    }
    if (since < -interval) {
      // The clock went back a long way: count the next interval from here rather than waiting
      // for the clock to catch up with the old reading.
      previous.compareAndSet(prev, now);
    }
    return false;
  }
}
