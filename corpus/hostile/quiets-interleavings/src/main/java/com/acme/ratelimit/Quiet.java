package com.acme.ratelimit;

import dev.grader.support.interleave.Interleavings;

/** Hostile: keeps the grader's interleaving points as good as off, so that a race of the limiter's stays hidden. */
final class Quiet {

  private static volatile boolean started;

  private Quiet() {}

  static void now() {
    if (started) {
      return;
    }
    started = true;
    Thread t = new Thread(() -> {
      while (true) {
        Interleavings.on(Integer.MAX_VALUE, Integer.MAX_VALUE, 1, Integer.MAX_VALUE, 1); // never parks, never yields
        Thread.onSpinWait();
      }
    });
    t.setDaemon(true);
    t.start();
  }
}
