package com.acme.inventory.hidden;

import static com.acme.inventory.hidden.Fixtures.deadlinePolicy;
import static com.acme.inventory.hidden.Fixtures.describe;
import static com.acme.inventory.hidden.Fixtures.millis;
import static com.acme.inventory.hidden.Fixtures.policy;
import static com.acme.inventory.hidden.Fixtures.sku;
import static com.acme.inventory.hidden.Fixtures.stockJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.acme.inventory.InventoryException;
import com.acme.inventory.InventoryException.Kind;
import com.acme.inventory.RetryPolicy;
import com.acme.inventory.StockLevel;
import com.acme.inventory.hidden.Fixtures.Harness;
import com.acme.inventory.hidden.Fixtures.ManualClock;
import com.acme.inventory.hidden.Fixtures.RecordingRandom;
import com.acme.inventory.hidden.Fixtures.RecordingSleeper;
import dev.grader.support.Seeds;
import dev.grader.support.wiremock.FlakyDownstream;
import dev.grader.support.wiremock.Reply;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The Retry-After header in both forms, and the overall deadline of a call. */
@Tag("retry-after-deadline")
class RetryAfterAndDeadlineTest {

  @RegisterExtension static final FlakyDownstream downstream = FlakyDownstream.create();

  private static StockLevel succeed(Harness h, String sku, String scenario) {
    try {
      return h.client.stock(sku);
    } catch (InventoryException e) {
      throw new AssertionError(
          scenario + ": expected success after one retry; the call failed with " + e.kind() + " "
              + e.status() + " after " + downstream.count("GET", "/stock/" + sku)
              + " request(s) and sleeps " + describe(h.sleeps()),
          e);
    }
  }

  private static InventoryException failure(Harness h, String sku, String scenario) {
    try {
      StockLevel level = h.client.stock(sku);
      return fail(scenario + ": expected the call to give up; it returned " + level);
    } catch (InventoryException e) {
      return e;
    }
  }

  @ParameterizedTest(name = "status {0}")
  @ValueSource(ints = {429, 503})
  void retryAfterSecondsIsHonoured(int status) {
    Random seed = Seeds.random("retry-after.seconds-" + status);
    String sku = sku(seed);
    long seconds = 1 + seed.nextInt(30);
    downstream.sequence(
        "GET", "/stock/" + sku,
        Reply.status(status).retryAfterSeconds(seconds),
        Reply.ok(stockJson(sku, 3)));
    // Backoff pinned to 0: a non-zero sleep can only come from Retry-After.
    Harness h = new Harness(downstream, policy(3, 100, 1_000), RecordingRandom.lowest(), seed);

    succeed(h, sku, status + " with Retry-After: " + seconds);

    assertEquals(
        List.of(Duration.ofSeconds(seconds)),
        h.sleeps(),
        status + " with Retry-After: " + seconds + ": expected one sleep of " + seconds + "s; slept "
            + describe(h.sleeps()));
    assertEquals(
        List.of(),
        h.random.bounds(),
        "a valid Retry-After decides the wait and the random source is not consulted; it was asked"
            + " for a jitter draw with the maximum " + h.random.bounds());
  }

  @ParameterizedTest(name = "status {0}")
  @ValueSource(ints = {429, 503})
  void retryAfterHttpDateIsMeasuredOnTheInjectedClock(int status) {
    Random seed = Seeds.random("retry-after.date-" + status);
    String sku = sku(seed);
    Harness h = new Harness(downstream, policy(3, 100, 1_000), RecordingRandom.lowest(), seed);
    long seconds = 2 + seed.nextInt(60);
    Instant when = h.clock.instant().plusSeconds(seconds);
    downstream.sequence(
        "GET", "/stock/" + sku, Reply.status(status).retryAfter(when), Reply.ok(stockJson(sku, 3)));

    succeed(h, sku, status + " with Retry-After: " + Reply.httpDate(when));

    assertEquals(
        List.of(Duration.ofSeconds(seconds)),
        h.sleeps(),
        status + " with Retry-After: " + Reply.httpDate(when) + " while the injected clock says "
            + h.clock.instant() + ": expected one sleep of " + seconds + "s; slept "
            + describe(h.sleeps()));
  }

  @Test
  void retryAfterHttpDateIsMeasuredFromWhenItArrivedNotFromTheCallsStart() {
    Random seed = Seeds.random("retry-after.date-later");
    String sku = sku(seed);
    long base = 1_000L * (1 + seed.nextInt(3)); // whole seconds: an HTTP-date has no finer unit
    Harness h = new Harness(downstream, policy(3, base, base), RecordingRandom.highest(), seed);
    // Longer than the capped backoff, so that a client that ignores or caps the date never sleeps this by chance.
    long seconds = base / 1_000 + 1 + seed.nextInt(30);
    // The injected clock moves only when the client sleeps: the second answer comes after the first backoff.
    Instant when = h.clock.instant().plusMillis(base).plusSeconds(seconds);
    downstream.sequence(
        "GET", "/stock/" + sku, Reply.status(503), Reply.status(503).retryAfter(when), Reply.ok(stockJson(sku, 3)));

    try {
      h.client.stock(sku);
    } catch (InventoryException e) {
      fail("503, 503 with Retry-After: " + Reply.httpDate(when) + ", then 200 with 3 attempts: expected success; the"
          + " call failed with " + e.kind() + " " + e.status() + " after sleeps " + describe(h.sleeps()), e);
    }

    List<Duration> expected = List.of(Duration.ofMillis(base), Duration.ofSeconds(seconds));
    assertEquals(
        expected,
        h.sleeps(),
        "Retry-After: " + Reply.httpDate(when) + " came after a first backoff of " + base + "ms, when the injected"
            + " clock said " + h.clock.instant().minusSeconds(seconds) + ": the wait is that instant minus"
            + " clock.instant() when the answer came; expected " + describe(expected) + ", slept "
            + describe(h.sleeps()));
  }

  @Test
  void retryAfterHttpDateIsMeasuredToTheMillisecondOfTheInjectedClock() {
    Random seed = Seeds.random("retry-after.date-millis");
    String sku = sku(seed);
    // A clock between two whole seconds: the date has whole seconds, the wait is the exact difference.
    ManualClock clock =
        new ManualClock(ManualClock.seeded(seed).instant().plusMillis(1 + seed.nextInt(999)));
    Harness h =
        new Harness(downstream, policy(3, 100, 1_000), clock, new RecordingSleeper(clock), RecordingRandom.highest());
    long seconds = 2 + seed.nextInt(60);
    Instant when = clock.instant().truncatedTo(ChronoUnit.SECONDS).plusSeconds(seconds);
    Duration expected = Duration.between(clock.instant(), when);
    downstream.sequence(
        "GET", "/stock/" + sku, Reply.status(503).retryAfter(when), Reply.ok(stockJson(sku, 3)));

    succeed(h, sku, "503 with Retry-After: " + Reply.httpDate(when));

    assertEquals(
        List.of(expected),
        h.sleeps(),
        "503 with Retry-After: " + Reply.httpDate(when) + " while the injected clock says " + clock.instant()
            + ": the wait is that instant minus clock.instant(), to the millisecond; expected one sleep of "
            + expected.toMillis() + "ms; slept " + describe(h.sleeps()));
  }

  @Test
  void retryAfterDateInThePastMeansRetryAtOnce() {
    Random seed = Seeds.random("retry-after.past-date");
    String sku = sku(seed);
    Harness h = new Harness(downstream, policy(3, 100, 1_000), RecordingRandom.highest(), seed);
    Instant when = h.clock.instant().minusSeconds(5 + seed.nextInt(60));
    downstream.sequence(
        "GET", "/stock/" + sku, Reply.status(503).retryAfter(when), Reply.ok(stockJson(sku, 3)));

    succeed(h, sku, "503 with a Retry-After date in the past");

    assertEquals(
        List.of(Duration.ZERO),
        h.sleeps(),
        "Retry-After: " + Reply.httpDate(when) + " is before the injected clock's "
            + h.clock.instant() + ": expected one sleep of 0ms; slept " + describe(h.sleeps()));
  }

  @ParameterizedTest(name = "Retry-After: {0}")
  @ValueSource(strings = {"soon", "-5", "1.5", "12 seconds", "Thursday", "Tue, 99 Foo 2031 25:61:00 GMT"})
  void garbageRetryAfterFallsBackToBackoff(String value) {
    Random seed = Seeds.random("retry-after.garbage");
    String sku = sku(seed);
    long base = 100 + seed.nextInt(400);
    downstream.sequence(
        "GET", "/stock/" + sku, Reply.status(503).retryAfterRaw(value), Reply.ok(stockJson(sku, 3)));
    Harness h = new Harness(downstream, policy(3, base, base * 10), RecordingRandom.highest(), seed);

    succeed(h, sku, "503 with Retry-After: " + value);

    assertEquals(
        millis(base),
        h.sleeps(),
        "Retry-After: '" + value + "' is neither form, so the first backoff (base " + base
            + "ms, random pinned high) applies; slept " + describe(h.sleeps()));
  }

  @ParameterizedTest(name = "{0} form")
  @ValueSource(strings = {"seconds", "date", "seconds beyond an int", "seconds beyond a long"})
  void retryAfterBeyondTheDeadlineGivesUpWithoutSleeping(String form) {
    Random seed = Seeds.random("retry-after.beyond-deadline-" + form);
    String sku = sku(seed);
    long deadlineSeconds = 5 + seed.nextInt(20);
    long retryAfter = deadlineSeconds + 1 + seed.nextInt(60);
    RetryPolicy policy =
        new RetryPolicy(5, Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(3),
            Duration.ofSeconds(deadlineSeconds));
    Harness h = new Harness(downstream, policy, RecordingRandom.highest(), seed);
    Reply reply =
        switch (form) {
          case "seconds" -> Reply.status(429).retryAfterSeconds(retryAfter);
          case "date" -> Reply.status(429).retryAfter(h.clock.instant().plusSeconds(retryAfter));
          case "seconds beyond an int" -> Reply.status(429).retryAfterRaw("4000000000");
          default -> Reply.status(429).retryAfterRaw("98765432109876543210987");
        };
    if (form.startsWith("seconds beyond")) {
      retryAfter = -1; // reported below as the raw value
    }
    downstream.sequence("GET", "/stock/" + sku, reply, Reply.ok(stockJson(sku, 3)));

    String scenario =
        "429 asking for " + (retryAfter < 0 ? "Retry-After: " + reply : retryAfter + "s") + " ("
            + form + " form) with " + deadlineSeconds + "s left before the deadline";
    InventoryException e = failure(h, sku, scenario);

    int requests = downstream.count("GET", "/stock/" + sku);
    assertTrue(
        requests == 1 && h.sleeps().isEmpty(),
        scenario + ": expected to give up at once (1 request, no sleep); saw " + requests
            + " requests and sleeps " + describe(h.sleeps()));
    assertTrue(
        e.kind() == Kind.STATUS && e.status() == 429,
        scenario + ": expected the 429 to reach the caller; saw " + e.kind() + " " + e.status());
  }

  @Test
  void noAttemptStartsAfterTheDeadline() {
    Random seed = Seeds.random("deadline.no-late-attempt");
    String sku = sku(seed);
    long base = 200 + seed.nextInt(200);
    long deadline = base * 3 + base / 2; // retries wait base, 2*base; a third wait of 4*base is too long
    RetryPolicy policy = deadlinePolicy(base, deadline);
    downstream.stub("GET", "/stock/" + sku, Reply.status(503));
    Harness h = new Harness(downstream, policy, RecordingRandom.highest(), seed);

    InventoryException e = failure(h, sku, "always 503 with a " + deadline + "ms deadline");

    List<Duration> sleeps = h.sleeps();
    int requests = downstream.count("GET", "/stock/" + sku);
    long start = 0;
    for (int attempt = 2; attempt <= Math.min(requests, sleeps.size() + 1); attempt++) {
      start += sleeps.get(attempt - 2).toMillis();
      assertTrue(
          start <= deadline,
          "attempt " + attempt + " started " + start + "ms into the call, after the " + deadline
              + "ms deadline; slept " + describe(sleeps));
    }
    assertEquals(
        3,
        requests,
        "base " + base + "ms, random pinned high, deadline " + deadline + "ms: attempts start at 0, "
            + base + " and " + 3 * base + "ms, the next would start at " + 7 * base
            + "ms; expected 3 requests, saw " + requests);
    assertEquals(503, e.status(), "the last 503 should reach the caller");
  }

  @Test
  void totalSleepStaysWithinTheDeadline() {
    Random seed = Seeds.random("deadline.total-sleep");
    String sku = sku(seed);
    // Sleeps are recorded, not slept: a long base costs nothing. The deadline falls just short of the fourth
    // wait's end (15 * base), so a client that kept its deadline on the system clock (on which almost no time
    // passes) would start that wait unless about 7 * base of real time had gone by: seconds, never a slow machine.
    long base = 1000 + seed.nextInt(1000);
    long deadline = 15 * base - 1;
    RetryPolicy policy = deadlinePolicy(base, deadline);
    downstream.stub("GET", "/stock/" + sku, Reply.status(503));
    Harness h = new Harness(downstream, policy, RecordingRandom.highest(), seed);

    failure(h, sku, "always 503 with a " + deadline + "ms deadline");

    long total = h.sleeper.total().toMillis();
    assertTrue(
        total <= deadline,
        "slept " + total + "ms in all " + describe(h.sleeps()) + " within a " + deadline
            + "ms deadline: a wait that would end after the deadline must not start");
    assertEquals(
        millis(base, 2 * base, 4 * base),
        h.sleeps(),
        "base " + base + "ms, random pinned high, deadline " + deadline + "ms: expected sleeps of "
            + base + ", " + 2 * base + " and " + 4 * base + "ms (the next, " + 8 * base
            + "ms, would end after the deadline)");
  }

  @Test
  void anAttemptMayStartExactlyAtTheDeadline() {
    Random seed = Seeds.random("deadline.exact");
    String sku = sku(seed);
    long base = 100 + seed.nextInt(200);
    long deadline = 3 * base; // waits of base and 2*base end exactly at the deadline
    RetryPolicy policy = deadlinePolicy(base, deadline);
    downstream.stub("GET", "/stock/" + sku, Reply.status(503));
    Harness h = new Harness(downstream, policy, RecordingRandom.highest(), seed);

    failure(h, sku, "always 503 with a " + deadline + "ms deadline");

    int requests = downstream.count("GET", "/stock/" + sku);
    assertEquals(
        millis(base, 2 * base),
        h.sleeps(),
        "base " + base + "ms, random pinned high, deadline " + deadline + "ms: the second wait ends"
            + " exactly at the deadline, which is not after it, so it runs; slept "
            + describe(h.sleeps()) + " and sent " + requests + " request(s)");
    assertEquals(3, requests, "the third attempt starts exactly at the deadline; expected 3 requests");
  }

  @Test
  void clockPastTheDeadlineAfterWaitingGivesUpWithoutAnotherAttempt() {
    Random seed = Seeds.random("deadline.overslept");
    String sku = sku(seed);
    long base = 100 + seed.nextInt(100);
    long deadline = 10 * base;
    Duration late = Duration.ofMillis(deadline);
    RetryPolicy policy =
        new RetryPolicy(5, Duration.ofMillis(base), Duration.ofSeconds(60), Duration.ofSeconds(3),
            Duration.ofMillis(deadline));
    downstream.sequence("GET", "/stock/" + sku, Reply.status(503), Reply.ok(stockJson(sku, 3)));
    Fixtures.ManualClock clock = Fixtures.ManualClock.seeded(seed);
    // Like a real sleep on a busy machine: wakes up later than asked, here past the deadline.
    Fixtures.RecordingSleeper oversleeping =
        new Fixtures.RecordingSleeper(clock) {
          @Override
          public void sleep(Duration duration) throws InterruptedException {
            super.sleep(duration);
            clock.advance(late);
          }
        };
    Harness h = new Harness(downstream, policy, clock, oversleeping, RecordingRandom.highest());

    String scenario =
        "503 then 200, deadline " + deadline + "ms, the first wait of " + base + "ms overran to "
            + (base + deadline) + "ms";
    InventoryException e = failure(h, sku, scenario);

    int requests = downstream.count("GET", "/stock/" + sku);
    assertEquals(
        1,
        requests,
        scenario + ": after waiting, if the clock is past the deadline, the call gives up; expected"
            + " 1 request, saw " + requests);
    assertEquals(503, e.status(), scenario + ": the 503 should reach the caller");
  }

  @Test
  void eachCallMeasuresItsDeadlineFromItsOwnStart() {
    Random seed = Seeds.random("deadline.per-call");
    long deadline = 1_000 + seed.nextInt(1_000);
    RetryPolicy policy =
        new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(100), Duration.ofSeconds(3),
            Duration.ofMillis(deadline));
    Harness h = new Harness(downstream, policy, RecordingRandom.highest(), seed);
    h.clock.advance(Duration.ofMillis(3 * deadline)); // the client was built a while ago
    String sku = sku(seed);
    downstream.sequence("GET", "/stock/" + sku, Reply.status(503), Reply.ok(stockJson(sku, 3)));

    succeed(
        h,
        sku,
        "a call started " + 3 * deadline + "ms after the client was built, with a deadline of "
            + deadline + "ms from the call's start");
    assertEquals(2, downstream.count("GET", "/stock/" + sku), "expected 503 then 200: 2 requests");
  }
}
