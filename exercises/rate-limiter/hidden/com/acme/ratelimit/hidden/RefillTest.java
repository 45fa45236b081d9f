package com.acme.ratelimit.hidden;

import static com.acme.ratelimit.hidden.Limits.between;
import static com.acme.ratelimit.hidden.Limits.describe;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.acme.ratelimit.Decision;
import com.acme.ratelimit.TokenBucketRateLimiter;
import dev.grader.support.Seeds;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Continuous, exact refill; the cap; clocks that go backwards or jump far ahead. */
@Tag("refill")
class RefillTest {

  private static final long MS = 1_000_000L;
  private static final long YEAR = 365L * 24 * 3600 * 1_000_000_000L;

  @Test
  void refillIsExactWhenAvailableTokensIsPolledEveryMillisecond() {
    Random random = Seeds.random("refill.poll-available");
    Limits limits = Limits.randomUneven(random, 20, 60, 1, 7, 70, 700);
    ManualClock clock = ManualClock.randomStart(random);
    TokenBucketRateLimiter limiter = limits.create(clock);
    String key = "client-" + random.nextInt(1000);

    assertTrue(limiter.tryAcquire(key, limits.capacity()).allowed(),
        "a new key should be able to take its whole capacity (" + limits + ")");
    long polls = Math.min(20_000, limits.fullRefillNanos() / MS + 500);
    for (long i = 1; i <= polls; i++) {
      clock.advance(MS);
      long expected = Math.min(limits.capacity(), limits.tokensIn(i * MS));
      long actual = limiter.availableTokens(key);
      if (actual != expected) {
        fail(String.format("after %d polls 1 ms apart (%s after draining; %s) availableTokens was %d, "
                + "expected %d: refill must be exact%s", i, describe(i * MS), limits, actual, expected,
            actual < expected ? " (fractions of a token were lost between polls)" : ""));
      }
    }
  }

  @Test
  void refillIsExactWhenFailedRequestsPollEveryMillisecond() {
    Random random = Seeds.random("refill.poll-acquire");
    Limits limits = Limits.randomUneven(random, 20, 60, 1, 7, 70, 700);
    ManualClock clock = ManualClock.randomStart(random);
    TokenBucketRateLimiter limiter = limits.create(clock);
    String key = "client-" + random.nextInt(1000);

    assertTrue(limiter.tryAcquire(key, limits.capacity()).allowed(),
        "a new key should be able to take its whole capacity (" + limits + ")");
    long polls = Math.min(20_000, limits.nanosFor(15) / MS + 50);
    long admitted = 0;
    for (long i = 1; i <= polls; i++) {
      clock.advance(MS);
      boolean expected = limits.tokensIn(i * MS) - admitted >= 1;
      Decision decision = limiter.tryAcquire(key);
      if (decision.allowed() != expected) {
        fail(String.format("request %d (one per ms, %s after draining; %s) was %s, expected %s: %d "
                + "tokens accrue in that time and %d were taken so far%s", i, describe(i * MS), limits,
            decision.allowed() ? "allowed" : "rejected", expected ? "allowed" : "rejected",
            limits.tokensIn(i * MS), admitted,
            expected ? "; refill lost the fractions of a token between failed requests" : ""));
      }
      if (decision.allowed()) {
        admitted++;
      }
    }
    assertEquals(limits.tokensIn(polls * MS), admitted, "requests admitted over " + describe(polls * MS)
        + " of one request per ms after draining (" + limits + ")");
  }

  /**
   * A bucket that stays full for a while (polled or not) and is then drained holds nothing at that same instant: the
   * time it spent full added nothing, neither then nor once it is no longer full. All within one full-refill time of
   * the limiter's start, so that no sweep of full buckets has to come first.
   */
  @Test
  void timeSpentFullIsNotBankedForLater() {
    Random random = Seeds.random("refill.full-time");
    for (int round = 0; round < 20; round++) {
      Limits limits = Limits.random(random, 3, 1000, 1, 100, 1, 10_000);
      ManualClock clock = ManualClock.randomStart(random);
      TokenBucketRateLimiter limiter = limits.create(clock);
      String key = "client-" + round;
      String how;
      long left = limits.fullRefillNanos() - 1;
      if (round % 2 == 0) {
        how = "a new key";
        limiter.availableTokens(key);
      } else {
        how = "a key that took 1 token and refilled it";
        assertTrue(limiter.tryAcquire(key, 1).allowed(), "taking 1 token from a new key (" + limits + ")");
        clock.advance(limits.nanosFor(1));
        left -= limits.nanosFor(1);
        assertEquals(limits.capacity(), limiter.availableTokens(key), "the token taken refilled (" + limits + ")");
      }
      long full = between(random, (left + 1) / 2, left);
      int polls = random.nextInt(4);
      for (int i = 0; i < polls; i++) {
        clock.advance(full / (polls + 1));
        limiter.availableTokens(key);
      }
      clock.advance(full - (full / (polls + 1)) * polls);
      assertTrue(limiter.tryAcquire(key, limits.capacity()).allowed(), "taking the whole capacity of " + how
          + ", full for " + describe(full) + " (" + limits + ")");
      Decision more = limiter.tryAcquire(key);
      assertFalse(more.allowed(), String.format("%s stayed full for %s (%d availableTokens calls meanwhile), then "
          + "its whole capacity (%d) was taken; another request at that same instant was allowed: the time spent "
          + "full was banked (%s)", how, describe(full), polls, limits.capacity(), limits));
    }
  }

  @Test
  void refillStopsAtCapacity() {
    Random random = Seeds.random("refill.cap");
    for (int round = 0; round < 20; round++) {
      Limits limits = Limits.random(random, 3, 1000, 1, 100, 1, 10_000);
      ManualClock clock = ManualClock.randomStart(random);
      TokenBucketRateLimiter limiter = limits.create(clock);
      String key = "client-" + round;
      long taken;
      long idle;
      if (round % 2 == 0) {
        // Refill more than was taken, but less than a full refill time after the limiter was created.
        taken = between(random, 1, limits.capacity() / 2);
        idle = between(random, limits.nanosFor(taken + 1), limits.fullRefillNanos() - 1);
      } else {
        taken = between(random, 1, limits.capacity());
        idle = limits.fullRefillNanos() * between(random, 1, 100) + between(random, 0, MS);
      }
      assertTrue(limiter.tryAcquire(key, taken).allowed(), "taking " + taken + " tokens from a new key ("
          + limits + ")");
      clock.advance(idle);
      long available = limiter.availableTokens(key);
      assertEquals(limits.capacity(), available, String.format("%d of %d tokens were taken, then the "
          + "clock advanced %s, in which %d tokens refill (%s); availableTokens was %d, expected the "
          + "capacity %d: a bucket never holds more than its capacity", taken, limits.capacity(),
          describe(idle), limits.tokensIn(idle), limits, available, limits.capacity()));
      Decision all = limiter.tryAcquire(key, limits.capacity());
      assertTrue(all.allowed(), "taking the whole capacity of a refilled bucket (" + limits + ")");
      Decision more = limiter.tryAcquire(key);
      assertFalse(more.allowed(), String.format("after refilling and taking the whole capacity (%d) at "
          + "once, another request was allowed: tokens above the capacity were kept", limits.capacity()));
      // Empty now: full again after exactly F, not a nanosecond before.
      long full = limits.fullRefillNanos();
      clock.advance(full - 1);
      assertEquals(limits.tokensIn(full - 1), limiter.availableTokens(key), String.format("the bucket was emptied,"
          + " then the clock advanced %s, one nanosecond short of the full-refill time F (%s): refill is exact,"
          + " d x refillTokens / refillPeriodNanos tokens, so the bucket is not full yet", describe(full - 1),
          limits));
      clock.advance(1);
      assertEquals(limits.capacity(), limiter.availableTokens(key), String.format("the bucket was emptied %s ago,"
          + " exactly the full-refill time F (%s): it is full", describe(full), limits));
    }
  }

  @Test
  void aClockGoingBackwardsAddsAndRemovesNothing() {
    Random random = Seeds.random("refill.backwards");
    for (int round = 0; round < 10; round++) {
      Limits limits = Limits.random(random, 10, 200, 1, 10, 10, 2000);
      ManualClock clock = ManualClock.randomStart(random);
      TokenBucketRateLimiter limiter = limits.create(clock);
      String key = "client-" + round;
      long start = clock.now();
      assertTrue(limiter.tryAcquire(key, limits.capacity()).allowed(),
          "a new key should be able to take its whole capacity (" + limits + ")");

      long latest = start; // the latest reading the clock has shown
      long consumed = 0;
      long budget = limits.fullRefillNanos() - 1; // stay below full, so the exact count is known
      for (int step = 0; step < 4; step++) {
        long forward = between(random, 1, budget / 8);
        clock.set(latest + forward);
        latest += forward;
        long expected = limits.tokensIn(latest - start) - consumed;
        assertEquals(expected, limiter.availableTokens(key), String.format("%s after draining (%s), "
            + "the clock having gone back %d time(s) in between", describe(latest - start), limits, step));

        long back = between(random, 1, limits.fullRefillNanos() * 10);
        clock.set(latest - back);
        long behind = limiter.availableTokens(key);
        assertEquals(expected, behind, String.format("the clock went back %s; availableTokens changed "
            + "from %d to %d: a clock going backwards must add or remove nothing", describe(back),
            expected, behind));
        if (expected > 0) {
          Decision one = limiter.tryAcquire(key);
          assertTrue(one.allowed() && one.remaining() == expected - 1, String.format("with the clock "
              + "%s behind its latest reading and %d token(s) in the bucket, tryAcquire returned %s; "
              + "expected allowed with %d remaining", describe(back), expected, one, expected - 1));
          consumed++;
          expected--;
        }

        clock.set(latest);
        long back2 = limiter.availableTokens(key);
        assertEquals(expected, back2, String.format("the clock went back %s and then forward to its "
            + "latest reading again; availableTokens was %d, expected %d: time already counted must "
            + "not be counted twice", describe(back), back2, expected));
      }
    }
  }

  @Test
  void aJumpFarAheadDoesNotOverflow() {
    Random random = Seeds.random("refill.far-jump");
    for (int trial = 0; trial < 32; trial++) {
      long capacity = between(random, 1, 1000);
      long refill = between(random, 1, 1_000_000);
      long period = between(random, 1_000, 10_000_000_000L);
      Limits limits = new Limits(capacity, refill, period);
      // Every other trial starts near Long.MAX_VALUE, so that the jump wraps the readings past it, as
      // System.nanoTime's may: only differences (later - earlier) mean anything.
      ManualClock clock = new ManualClock(trial % 2 == 1 ? Long.MAX_VALUE - between(random, 0, YEAR)
          : between(random, -1_000_000_000_000_000_000L, 1_000_000_000_000_000_000L));
      TokenBucketRateLimiter limiter = limits.create(clock);
      String key = "client-" + trial;
      long taken = between(random, 1, capacity);
      assertTrue(limiter.tryAcquire(key, taken).allowed(), "taking " + taken + " tokens from a new key ("
          + limits + ")");

      long jump = 200 * YEAR + between(random, 0, YEAR);
      clock.advance(jump);
      long available = limiter.availableTokens(key);
      assertEquals(capacity, available, String.format("after the clock jumped %.1f years ahead "
          + "(%s%s), availableTokens was %d, expected the capacity %d: elapsed time x rate must not "
          + "overflow, and readings are compared by subtraction", jump / (double) YEAR, limits,
          trial % 2 == 1 ? ", readings wrapping past Long.MAX_VALUE" : "", available, capacity));
      Decision all = limiter.tryAcquire(key, capacity);
      assertTrue(all.allowed() && all.remaining() == 0, String.format("after a %.1f-year jump, taking the "
          + "whole capacity %d returned %s; expected allowed with 0 remaining", jump / (double) YEAR,
          capacity, all));
      assertEquals(limits.fullRefillNanos(), all.resetAfterNanos(), "resetAfterNanos after draining a "
          + "full bucket (" + limits + ") after a 200-year jump");
    }
  }

  @Test
  void noDoubleBurstAtAWindowBoundary() {
    Random random = Seeds.random("refill.double-burst");
    // Below the 82 keys used here, so a limiter sharing one bucket fails this test on every seed alike.
    long capacity = between(random, 10, 60);
    // At least capacity / 40 + 1 tokens per period, so a step (1/40 of a full refill) is shorter than one period:
    // whether a limiter that forgets drained keys is caught here must not depend on the seed (the memory tests
    // catch it on every seed).
    Limits limits = new Limits(capacity, between(random, capacity / 40 + 1, capacity / 5),
        between(random, 10, 1000) * MS + between(random, 1, MS - 1));
    ManualClock clock = ManualClock.randomStart(random);
    TokenBucketRateLimiter limiter = limits.create(clock);
    long delta = limits.fullRefillNanos() / 40;
    int keys = 82; // bursts cover two full-refill times after the first request
    long bound = capacity + limits.tokensIn(delta) + 1;

    long start = clock.now();
    for (int k = 0; k < keys; k++) {
      assertTrue(limiter.tryAcquire("key-" + k).allowed(), "first request of a new key (" + limits + ")");
    }
    long[] firstBurst = new long[keys];
    for (int step = 0; step < keys; step++) {
      clock.set(start + step * delta);
      if (step > 0) {
        int k = step - 1;
        long second = burst(limiter, "key-" + k, capacity);
        long total = firstBurst[k] + second;
        if (total > bound) {
          fail(String.format("%d requests were admitted within %s (a burst of %d at %s after the first "
                  + "request, then %d at %s); with %s at most %d fit (the capacity plus what refills "
                  + "in between): a fixed window admits a double burst around its boundary", total,
              describe(delta), firstBurst[k], describe(k * delta), second, describe(step * delta),
              limits, bound));
        }
      }
      firstBurst[step] = burst(limiter, "key-" + step, capacity);
    }
  }

  /** Takes single permits until rejected; stops at 3x capacity so a broken limiter cannot loop forever. */
  private static long burst(TokenBucketRateLimiter limiter, String key, long capacity) {
    long admitted = 0;
    while (admitted < 3 * capacity && limiter.tryAcquire(key).allowed()) {
      admitted++;
    }
    return admitted;
  }
}
