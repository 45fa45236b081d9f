package com.acme.payments.hidden;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;

/** A clock the tests move by hand; it never moves by itself. */
final class ManualClock extends Clock {

  private final AtomicReference<Instant> now;

  ManualClock(Instant start) {
    this.now = new AtomicReference<>(start);
  }

  /** Starts at a random second between 2031 and 2039, far from the real time. */
  static ManualClock randomStart(Random random) {
    return new ManualClock(Instant.parse("2031-01-01T00:00:00Z").plusSeconds(random.nextInt(8 * 365 * 86_400)));
  }

  void advance(Duration by) {
    now.updateAndGet(t -> t.plus(by));
  }

  @Override
  public Instant instant() {
    return now.get();
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }
}
