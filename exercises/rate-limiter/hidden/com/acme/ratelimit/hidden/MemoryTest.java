package com.acme.ratelimit.hidden;

import static com.acme.ratelimit.hidden.Limits.between;
import static com.acme.ratelimit.hidden.Limits.describe;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.acme.ratelimit.TokenBucketRateLimiter;
import dev.grader.support.Seeds;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Buckets that refilled completely are dropped; buckets that did not are kept. The bounds are the ones
 * stated in the brief: after a quiet full-refill time F, N calls leave at most 2N + 1024 buckets; while
 * calls keep coming, at most 2A + 1024, A being the distinct keys used in the last 2F.
 */
@Tag("memory")
class MemoryTest {

  /**
   * Bound 1, for each kind of call that may come after the quiet period ("N calls, on any keys"): tryAcquire with
   * one permit, with several, and availableTokens. A limiter that drops full buckets only on some calls keeps them
   * all after a quiet period that ends with another kind.
   */
  @Test
  void keysIdleForAFullRefillTimeAreDropped() {
    Random random = Seeds.random("memory.idle");
    for (String kind : List.of("tryAcquire(key)", "tryAcquire(key, permits)", "availableTokens(key)")) {
      keysIdleForAFullRefillTimeAreDroppedAfter(kind, random);
    }
  }

  private static void keysIdleForAFullRefillTimeAreDroppedAfter(String kind, Random random) {
    Limits limits = Limits.random(random, 1, 50, 1, 10, 1, 1_000);
    // One of the three on a negative origin, as System.nanoTime may have: a sweep that adds readings instead of
    // subtracting them is then never due.
    ManualClock clock = kind.startsWith("availableTokens") ? ManualClock.negativeStart(random)
        : ManualClock.randomStart(random);
    TokenBucketRateLimiter limiter = limits.create(clock);
    long full = limits.fullRefillNanos();

    // One of the three at the boundary: every old key drained at the limiter's first instant, then a quiet period of
    // exactly F ("at least F" includes F itself).
    boolean boundary = kind.equals("tryAcquire(key)");
    int old = (int) between(random, 3_000, 6_000);
    for (int i = 0; i < old; i++) { // each old key drained: none is full again before the quiet period ends
      clock.advance(boundary ? 0 : between(random, 0, full / (2L * old)));
      limiter.tryAcquire("old-" + i, limits.capacity());
    }
    long quiet = boundary ? full : full + between(random, 0, full / 2);
    clock.advance(quiet);

    int calls = (int) between(random, 1, 300);
    for (int n = 1; n <= calls; n++) {
      String key = "new-" + n;
      switch (kind) {
        case "tryAcquire(key)" -> limiter.tryAcquire(key);
        case "tryAcquire(key, permits)" -> limiter.tryAcquire(key, between(random, 1, limits.capacity()));
        default -> limiter.availableTokens(key);
      }
      int tracked = limiter.trackedKeys();
      if (tracked > 2 * n + 1024) {
        fail(String.format("%d keys were used (%s), then no call for %s (a full refill takes %s); after "
                + "%d call(s) of %s on new keys trackedKeys() was %d; the limit is 2 x %d + 1024 = %d: buckets "
                + "that refilled completely must be dropped, whichever call comes after the quiet period", old,
            limits, describe(quiet), describe(full), n, kind, tracked, n, 2 * n + 1024));
      }
    }
    assertEquals(limits.capacity(), limiter.availableTokens("old-0"), "a key idle for a full refill time "
        + "has a full bucket, whether or not it is still tracked");
  }

  @Test
  void memoryFollowsTheKeysActiveRecently() {
    Random random = Seeds.random("memory.stream");
    Limits limits = Limits.random(random, 1, 50, 1, 10, 1, 1_000);
    ManualClock clock = ManualClock.randomStart(random);
    TokenBucketRateLimiter limiter = limits.create(clock);
    long full = limits.fullRefillNanos();
    long perFull = between(random, 40, 150);
    long step = full / perFull;

    ArrayDeque<Long> recent = new ArrayDeque<>(); // readings of calls within the last 2F, one per key
    // The first key stays busy and drained all along: a bucket never full, first in, must not hold up the others.
    limiter.tryAcquire("busy", limits.capacity());
    int key = 0;
    for (int s = 0; s < 4_000; s++) {
      clock.advance(step);
      long now = clock.now();
      while (!recent.isEmpty() && now - recent.peekFirst() >= 2 * full) {
        recent.pollFirst();
      }
      limiter.tryAcquire("busy", Math.max(1, limiter.availableTokens("busy")));
      int burst = (int) between(random, 1, 3);
      for (int b = 0; b < burst; b++) {
        limiter.tryAcquire("stream-" + key++);
        recent.addLast(now);
        int tracked = limiter.trackedKeys();
        int limit = 2 * (recent.size() + 1) + 1024;
        if (tracked > limit) {
          fail(String.format("a stream of new keys, %d per step of %s (%s, full refill %s): after %d keys, "
                  + "trackedKeys() was %d while only %d keys were used in the last 2 full-refill times; "
                  + "the limit is 2 x %d + 1024 = %d (one key, the first, stayed busy and drained all along)", burst,
              describe(step), limits, describe(full), key, tracked, recent.size() + 1, recent.size() + 1, limit));
        }
      }
    }
  }

  @Test
  void drainedKeysAreNotForgotten() {
    Random random = Seeds.random("memory.drained");
    // Each step refills a whole number of tokens, so what this test sees does not depend on how a
    // limiter keeps fractions of a token (the refill tests judge that): only on what eviction does.
    long capacity = 40;
    long refill = between(random, 1, 10);
    Limits limits = new Limits(capacity, refill, refill * between(random, 1_000_000, 50_000_000));
    ManualClock clock = ManualClock.randomStart(random);
    TokenBucketRateLimiter limiter = limits.create(clock);
    long full = limits.fullRefillNanos();
    long step = full / 40;
    int age = 39; // steps between draining a key and checking it: just under a full refill
    long expected = limits.tokensIn(age * step);

    int noise = 0;
    // At one step a crowd of new clients: more active keys than a cap on the map (10,000, say) holds, so a limiter
    // that evicts buckets to stay under a cap forgets drained ones.
    int crowdStep = age + (int) between(random, 0, 100);
    int crowd = (int) between(random, 12_000, 16_000);
    for (int s = 0; s < 200; s++) {
      clock.advance(step);
      assertTrue(limiter.tryAcquire("drained-" + s, capacity).allowed(), String.format("step %d: a new key "
          + "should be able to take its whole capacity (%s)", s, limits));
      for (int i = 0; i < (s == crowdStep ? crowd : 25); i++) {
        limiter.tryAcquire("noise-" + noise++);
      }
      if (s == age || s == crowdStep) {
        // Nothing but the limiter holds the drained keys' strings: a bucket held only as long as its key object is
        // referenced elsewhere (weak keys) is gone after a collection.
        System.gc();
      }
      if (s >= age) {
        // The keys drained in the last `age` steps have not refilled: each one's bucket must be held.
        int held = limiter.trackedKeys();
        if (held < age) {
          fail(String.format("step %d: trackedKeys() is %d, but the %d keys drained in the last %s have not "
              + "refilled, so their buckets must be held: trackedKeys() is the number of buckets held in memory",
              s, held, age, describe(age * step)));
        }
        String key = "drained-" + (s - age);
        long available = limiter.availableTokens(key);
        if (available != expected) {
          fail(String.format("key %s was drained %s ago (%s; a full refill takes %s) and now has %d tokens; "
                  + "expected %d%s", key, describe(age * step), limits, describe(full), available, expected,
              available == capacity
                  ? ": its bucket was dropped before it had refilled, so it got a full new one" : ""));
        }
      }
    }
  }
}
