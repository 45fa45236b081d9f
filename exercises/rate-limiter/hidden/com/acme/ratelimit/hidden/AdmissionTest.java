package com.acme.ratelimit.hidden;

import static com.acme.ratelimit.hidden.Limits.between;
import static com.acme.ratelimit.hidden.Limits.describe;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.acme.ratelimit.Decision;
import com.acme.ratelimit.TokenBucketRateLimiter;
import dev.grader.support.Seeds;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** What a request takes and gets back; configuration and argument checks; keys kept apart. */
@Tag("admission")
class AdmissionTest {

  @Test
  void aNewKeyStartsWithAFullBucket() {
    Random random = Seeds.random("admission.starts-full");
    Limits limits = Limits.random(random, 1, 300, 1, 50, 1, 60_000);
    ManualClock clock = ManualClock.randomStart(random);
    TokenBucketRateLimiter limiter = limits.create(clock);

    String key = "client-" + random.nextInt(1_000_000);
    assertEquals(limits.capacity(), limiter.availableTokens(key),
        "availableTokens of a key never seen before (" + limits + ")");
    for (long i = 1; i <= limits.capacity(); i++) {
      Decision decision = limiter.tryAcquire(key);
      if (!decision.allowed() || decision.remaining() != limits.capacity() - i) {
        fail(String.format("request %d of a new key on a frozen clock (%s) returned %s; expected allowed "
            + "with %d remaining: a new bucket starts full", i, limits, decision, limits.capacity() - i));
      }
    }
    Decision over = limiter.tryAcquire(key);
    assertFalse(over.allowed(), String.format("request %d on a frozen clock was allowed; the capacity is %d",
        limits.capacity() + 1, limits.capacity()));

    String other = "other-" + random.nextInt(1_000_000);
    Decision whole = limiter.tryAcquire(other, limits.capacity());
    assertTrue(whole.allowed() && whole.remaining() == 0, String.format("the first request of a new key "
        + "asked for the whole capacity %d and got %s; expected allowed with 0 remaining",
        limits.capacity(), whole));
  }

  @Test
  void aRejectedRequestConsumesNothing() {
    Random random = Seeds.random("admission.no-partial");
    for (int round = 0; round < 20; round++) {
      Limits limits = Limits.random(random, 5, 500, 1, 20, 1, 60_000);
      ManualClock clock = ManualClock.randomStart(random);
      TokenBucketRateLimiter limiter = limits.create(clock);
      String key = "client-" + round;
      long left = between(random, 1, limits.capacity() - 1);
      assertTrue(limiter.tryAcquire(key, limits.capacity() - left).allowed(),
          "taking " + (limits.capacity() - left) + " tokens from a new key (" + limits + ")");

      for (int attempt = 0; attempt < 3; attempt++) {
        long asked = between(random, left + 1, limits.capacity());
        Decision decision = limiter.tryAcquire(key, asked);
        assertFalse(decision.allowed(), "asked for " + asked + " permits with " + left + " tokens left");
        assertEquals(left, decision.remaining(), String.format("remaining after a rejected request for %d "
            + "permits with %d tokens left: a rejected request takes nothing", asked, left));
        long available = limiter.availableTokens(key);
        assertEquals(left, available, String.format("%d tokens were left, a request for %d was rejected, "
            + "and then %d were available: a rejected request must not take the tokens there were",
            left, asked, available));
      }
      Decision rest = limiter.tryAcquire(key, left);
      assertTrue(rest.allowed() && rest.remaining() == 0, String.format("after rejected requests, asking for "
          + "exactly the %d tokens left returned %s; expected allowed with 0 remaining", left, rest));
    }
  }

  @Test
  void moreThanTheCapacityIsRejectedAtOnce() {
    Random random = Seeds.random("admission.over-capacity");
    for (int round = 0; round < 10; round++) {
      Limits limits = Limits.random(random, 1, 500, 1, 20, 1, 60_000);
      ManualClock clock = ManualClock.randomStart(random);
      TokenBucketRateLimiter limiter = limits.create(clock);
      String key = "client-" + round;
      long asked = limits.capacity() + between(random, 1, 10 * limits.capacity());

      Decision first = limiter.tryAcquire(key, asked);
      assertFalse(first.allowed(), String.format("a request for %d permits was allowed; the capacity is %d",
          asked, limits.capacity()));
      assertEquals(Long.MAX_VALUE, first.retryAfterNanos(), String.format("retryAfterNanos of a request "
          + "for %d permits with capacity %d: it can never succeed, so Long.MAX_VALUE", asked,
          limits.capacity()));
      assertEquals(limits.capacity(), limiter.availableTokens(key), String.format("availableTokens after "
          + "a rejected request for %d permits (capacity %d): nothing may be taken", asked,
          limits.capacity()));

      // On a drained bucket too, the decision describes the bucket: nothing left, full only after a whole refill.
      String drained = "drained-" + round;
      assertTrue(limiter.tryAcquire(drained, limits.capacity()).allowed(), "a new key's whole capacity was refused");
      Decision overDrained = limiter.tryAcquire(drained, asked);
      assertFalse(overDrained.allowed(), "a request for more than the capacity on a drained bucket was allowed");
      assertEquals(0, overDrained.remaining(), String.format("remaining of a request for %d permits (capacity %d)"
          + " on a drained bucket: rejected, it takes nothing, and the bucket holds 0 whole tokens", asked,
          limits.capacity()));
      assertEquals(limits.fullRefillNanos(), overDrained.resetAfterNanos(), String.format("resetAfterNanos of a "
          + "request for %d permits (capacity %d) on a bucket just drained: it is full after a whole refill time"
          + " (%d ns), however many permits were asked", asked, limits.capacity(), limits.fullRefillNanos()));

      clock.advance(limits.fullRefillNanos() * between(random, 1, 1000));
      Decision later = limiter.tryAcquire(key, asked);
      assertFalse(later.allowed(), String.format("after a long wait, a request for %d permits was allowed; "
          + "the capacity is %d", asked, limits.capacity()));
      assertEquals(Long.MAX_VALUE, later.retryAfterNanos(), "retryAfterNanos of a request for more than "
          + "the capacity, on a full bucket");

      // Exactly the capacity is not more than the capacity: it succeeds once the bucket is full again.
      String whole = "whole-" + round;
      limiter.tryAcquire(whole); // one token short of full, on a clock that does not move
      Decision exactly = limiter.tryAcquire(whole, limits.capacity());
      assertFalse(exactly.allowed(), String.format("a request for the whole capacity (%d) was allowed on a bucket "
          + "one token short of full", limits.capacity()));
      assertTrue(exactly.retryAfterNanos() > 0 && exactly.retryAfterNanos() <= limits.fullRefillNanos(),
          String.format("retryAfterNanos of a request for exactly the capacity (%d), one token short: it succeeds "
              + "once the bucket is full again, within a full refill (%d ns), so it is not Long.MAX_VALUE; was %d",
              limits.capacity(), limits.fullRefillNanos(), exactly.retryAfterNanos()));
    }
  }

  @Test
  void invalidConfigurationIsRejected() {
    Random random = Seeds.random("admission.config");
    ManualClock clock = ManualClock.randomStart(random);
    long negative = -between(random, 1, 1_000_000);
    // names: what the message must mention (lower case, letters only), one of them, to say what is wrong
    record Bad(String what, long capacity, long refill, Duration period, List<String> names) {}
    List<String> capacityNames = List.of("capacity");
    List<String> refillNames = List.of("refilltokens", "tokens", "rate");
    List<String> periodNames = List.of("refillperiod", "period", "duration");
    List<Bad> bad = new ArrayList<>();
    bad.add(new Bad("capacity 0", 0, 5, Duration.ofSeconds(1), capacityNames));
    bad.add(new Bad("negative capacity", negative, 5, Duration.ofSeconds(1), capacityNames));
    bad.add(new Bad("refillTokens 0", 10, 0, Duration.ofSeconds(1), refillNames));
    bad.add(new Bad("negative refillTokens", 10, negative, Duration.ofSeconds(1), refillNames));
    bad.add(new Bad("a zero refillPeriod", 10, 5, Duration.ZERO, periodNames));
    bad.add(new Bad("a negative refillPeriod", 10, 5, Duration.ofMillis(negative), periodNames));
    bad.add(new Bad("a refillPeriod of -1 ns", 10, 5, Duration.ofNanos(-1), periodNames));
    for (Bad b : bad) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> new TokenBucketRateLimiter(b.capacity(), b.refill(), b.period(), clock),
          String.format("new TokenBucketRateLimiter(%d, %d, %s, clock) with %s should throw "
              + "IllegalArgumentException", b.capacity(), b.refill(), b.period(), b.what()));
      assertFalse(e.getMessage() == null || e.getMessage().isBlank(),
          "the IllegalArgumentException for " + b.what() + " has no message; it should say what is wrong");
      String letters = e.getMessage().toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z]", "");
      if (b.names().stream().noneMatch(letters::contains)) {
        fail("the IllegalArgumentException for " + b.what() + " says \"" + e.getMessage() + "\", which does not "
            + "name what is wrong (" + b.names().get(0) + "); the brief: the message says what is wrong, e.g. "
            + "\"capacity must be greater than 0, was -3\"");
      }
    }
    // Beyond what the brief lets you assume: accepted, or refused with IllegalArgumentException, never another
    // exception (an overflow's ArithmeticException, say).
    record Large(String what, long capacity, long refill, Duration period) {}
    for (Large l : List.of(new Large("capacity Long.MAX_VALUE, 1 token per second", Long.MAX_VALUE, 1,
        Duration.ofSeconds(1)), new Large("capacity 10, 1 token per 300 years", 10, 1, Duration.ofDays(300 * 366)))) {
      try {
        new TokenBucketRateLimiter(l.capacity(), l.refill(), l.period(), clock);
      } catch (IllegalArgumentException allowed) {
        // "you may reject larger configurations with IllegalArgumentException"
      } catch (RuntimeException e) {
        fail("new TokenBucketRateLimiter(" + l.capacity() + ", " + l.refill() + ", " + l.period() + ", clock) ("
            + l.what() + ", beyond 2^62 ns of capacity x refillPeriod) threw " + e + "; such a configuration may be"
            + " rejected, with IllegalArgumentException only");
      }
    }
    TokenBucketRateLimiter smallest = new TokenBucketRateLimiter(1, 1, Duration.ofNanos(1), clock);
    assertEquals(1, smallest.availableTokens("k"), "capacity 1, 1 token per 1 ns is a valid configuration");
  }

  @Test
  void zeroOrNegativePermitsAreRejected() {
    Random random = Seeds.random("admission.permits");
    Limits limits = Limits.random(random, 2, 100, 1, 10, 1, 10_000);
    ManualClock clock = ManualClock.randomStart(random);
    TokenBucketRateLimiter limiter = limits.create(clock);
    String key = "client-" + random.nextInt(1000);
    long taken = between(random, 1, limits.capacity() - 1);
    limiter.tryAcquire(key, taken);
    long left = limits.capacity() - taken;

    for (long permits : new long[] {0, -1, -between(random, 2, 1_000_000), Long.MIN_VALUE}) {
      assertThrows(IllegalArgumentException.class, () -> limiter.tryAcquire(key, permits),
          "tryAcquire(key, " + permits + ") should throw IllegalArgumentException");
      assertEquals(left, limiter.availableTokens(key), String.format("availableTokens after tryAcquire(key, "
          + "%d) was refused; %d tokens were left before", permits, left));
      int tracked = limiter.trackedKeys();
      String fresh = "never-admitted-" + random.nextInt(1_000_000);
      assertThrows(IllegalArgumentException.class, () -> limiter.tryAcquire(fresh, permits),
          "tryAcquire(newKey, " + permits + ") should throw IllegalArgumentException");
      assertEquals(tracked, limiter.trackedKeys(), String.format("trackedKeys() after tryAcquire on a key never "
          + "seen before was refused for %d permits: it changes nothing, so no bucket is made for the key",
          permits));
    }
  }

  /** The {@code n}-th string of "Aa"/"BB" blocks: all of them (of one length) have the same hashCode. */
  private static String collidingSuffix(int n) {
    StringBuilder b = new StringBuilder();
    for (int bit = 0; bit < 5; bit++) {
      b.append((n >> bit & 1) == 0 ? "Aa" : "BB");
    }
    return b.toString();
  }

  @Test
  void keysHaveSeparateBuckets() {
    Random random = Seeds.random("admission.keys");
    Limits limits = Limits.random(random, 3, 100, 1, 10, 1, 10_000);
    ManualClock clock = ManualClock.randomStart(random);
    TokenBucketRateLimiter limiter = limits.create(clock);
    Map<String, Long> left = new LinkedHashMap<>();
    int keys = (int) between(random, 5, 30);
    // Half the keys share one hashCode ("Aa" and "BB" hash alike, so do strings made of them): equal hashes are not
    // equal keys.
    String prefix = "tenant-" + random.nextInt(1_000_000) + "-";
    for (int i = 0; i < keys; i++) {
      // and "polygenelubricants".hashCode() is Integer.MIN_VALUE, whose Math.abs is negative
      String key = i == 1 ? "polygenelubricants"
          : i % 2 == 0 ? prefix + collidingSuffix(i / 2) : "tenant-" + random.nextInt(1_000_000) + "-" + i;
      long take = i == 0 ? limits.capacity() : between(random, i == 1 ? 1 : 0, limits.capacity() - 1);
      if (take > 0) {
        assertTrue(limiter.tryAcquire(key, take).allowed(), String.format("key %s: taking %d tokens from a "
            + "new key (%s); other keys took tokens before, but each key has its own bucket", key, take,
            limits));
      }
      left.put(key, limits.capacity() - take);
    }
    for (Map.Entry<String, Long> e : left.entrySet()) {
      long available = limiter.availableTokens(e.getKey());
      assertEquals((long) e.getValue(), available, String.format("key %s should have %d tokens left (it "
          + "took %d of %d); it has %d: keys must not share tokens", e.getKey(), e.getValue(),
          limits.capacity() - e.getValue(), limits.capacity(), available));
    }
    String drained = left.keySet().iterator().next();
    assertFalse(limiter.tryAcquire(drained).allowed(), "the drained key " + drained + " was allowed");
    String fresh = "newcomer-" + random.nextInt(1000);
    Decision decision = limiter.tryAcquire(fresh);
    assertTrue(decision.allowed() && decision.remaining() == limits.capacity() - 1, String.format(
        "the first request of a new key, after %d other keys used tokens, returned %s; expected allowed "
            + "with %d remaining", keys, decision, limits.capacity() - 1));
  }

  @Test
  void decisionsReportExactWaitingTimes() {
    Random random = Seeds.random("admission.times");
    for (int round = 0; round < 10; round++) {
      long capacity = between(random, 3, 100);
      Limits limits = new Limits(capacity, between(random, 1, 9),
          between(random, 1, 5_000) * 1_000_000L + between(random, 1, 999_999));
      ManualClock clock = ManualClock.randomStart(random);
      TokenBucketRateLimiter limiter = limits.create(clock);
      String key = "client-" + round;

      long first = between(random, 1, capacity);
      Decision d1 = limiter.tryAcquire(key, first);
      assertEquals(new Decision(true, capacity - first, 0, limits.nanosFor(first)), d1, String.format(
          "taking %d of %d tokens from a new key (%s): remaining %d, retryAfterNanos 0, resetAfterNanos "
              + "%d (the time to refill %d tokens, rounded up to whole ns)", first, capacity, limits,
          capacity - first, limits.nanosFor(first), first));
      if (first < capacity) {
        Decision d2 = limiter.tryAcquire(key, capacity - first);
        assertEquals(new Decision(true, 0, 0, limits.fullRefillNanos()), d2,
            "draining the rest of the bucket (" + limits + ")");
      }

      // Less than one token's worth of time: no whole token yet, but progress towards one.
      long waited = between(random, 1, limits.nanosFor(1) - 1);
      clock.advance(waited);
      long asked = between(random, 1, capacity);
      long expectedRetry = limits.nanosFor(asked) - waited;
      Decision rejected = limiter.tryAcquire(key, asked);
      assertEquals(new Decision(false, 0, expectedRetry, limits.fullRefillNanos() - waited), rejected,
          String.format("asking for %d permits %s after draining (%s): retryAfterNanos must be the exact "
                  + "wait (%d ns, counting the time already accrued) and resetAfterNanos the time until "
                  + "full (%d ns)", asked, describe(waited), limits, expectedRetry,
              limits.fullRefillNanos() - waited));

      clock.advance(expectedRetry - 1);
      assertFalse(limiter.tryAcquire(key, asked).allowed(), String.format("the request for %d permits "
          + "succeeded 1 ns before retryAfterNanos (%d ns) had passed", asked, expectedRetry));
      clock.advance(1);
      assertTrue(limiter.tryAcquire(key, asked).allowed(), String.format("the request for %d permits "
          + "failed once retryAfterNanos (%d ns) had passed", asked, expectedRetry));
    }
  }
}
