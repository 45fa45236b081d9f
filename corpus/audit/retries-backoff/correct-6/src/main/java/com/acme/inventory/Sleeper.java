package com.acme.inventory;

import java.time.Duration;

/**
 * Waits between attempts. The client calls it exactly once before each retry, on the calling thread,
 * and never otherwise. Tests pass a fake that records the delay and returns at once.
 */
@FunctionalInterface
public interface Sleeper {

  /**
   * Blocks for {@code duration} (which may be zero).
   *
   * @throws InterruptedException if the thread is interrupted while waiting; as with
   *     {@link Thread#sleep(long)}, the thread's interrupt flag is clear when this is thrown
   */
  void sleep(Duration duration) throws InterruptedException;

  /** The real thing: {@link Thread#sleep(long, int)}. */
  static Sleeper system() {
    return duration -> {
      long millis = duration.toMillis();
      int nanos = (int) (duration.minusMillis(millis).toNanos());
      Thread.sleep(millis, nanos);
    };
  }
}
