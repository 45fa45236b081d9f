package com.acme.ratelimit;

import java.util.concurrent.atomic.AtomicReference;

/**
 * One key's bucket: a lock-free cell holding the current {@link Level}. Every change replaces the
 * snapshot with a compare-and-set, so a change computed from a stale snapshot is never applied.
 */
final class Bucket {

  private final AtomicReference<Level> level;

  Bucket(Level initial) {
    this.level = new AtomicReference<>(initial);
  }

  Level current() {
    return level.get();
  }

  boolean replace(Level expected, Level next) {
    return expected == next || level.compareAndSet(expected, next);
  }

  boolean isRetired() {
    return level.get() == Level.RETIRED;
  }
}
