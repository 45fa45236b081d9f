package com.acme.ratelimit.hidden;

import com.acme.ratelimit.TimeSource;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/** A clock the tests move by hand. Its origin is arbitrary (possibly negative), like System.nanoTime. */
class ManualClock implements TimeSource {

  private final AtomicLong now;

  ManualClock(long start) {
    this.now = new AtomicLong(start);
  }

  /** A clock starting at a random reading in [-2^60, 2^60]. */
  static ManualClock randomStart(Random random) {
    return new ManualClock(random.nextLong() >> 3);
  }

  /** A clock starting at a random negative reading, in [-2^60, -1]. */
  static ManualClock negativeStart(Random random) {
    return new ManualClock(-1 - (random.nextLong() >>> 4));
  }

  @Override
  public long nanoTime() {
    return now.get();
  }

  long now() {
    return now.get();
  }

  void advance(long nanos) {
    now.addAndGet(nanos);
  }

  void set(long reading) {
    now.set(reading);
  }
}
