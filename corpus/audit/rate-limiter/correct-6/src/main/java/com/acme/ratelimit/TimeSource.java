package com.acme.ratelimit;

/**
 * The clock the rate limiter reads. Given complete; do not change this file.
 *
 * <p>Readings are nanoseconds with an arbitrary origin, like {@link System#nanoTime()}: values may be
 * negative and only the difference between two readings ({@code later - earlier}) means anything.
 * Readings are "monotonic-ish": a clock may occasionally go backwards, and it may jump far ahead.
 * Tests drive their own implementation of this interface.
 */
@FunctionalInterface
public interface TimeSource {

  /** The current reading, in nanoseconds. */
  long nanoTime();

  /** The JVM's monotonic clock. */
  static TimeSource system() {
    return System::nanoTime;
  }
}
