package com.acme.inventory.hidden;

import static com.acme.inventory.hidden.Fixtures.deadlinePolicy;
import static com.acme.inventory.hidden.Fixtures.describe;
import static com.acme.inventory.hidden.Fixtures.millis;
import static com.acme.inventory.hidden.Fixtures.policy;
import static com.acme.inventory.hidden.Fixtures.sku;
import static com.acme.inventory.hidden.Fixtures.stockJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.acme.inventory.InventoryClient;
import com.acme.inventory.InventoryException;
import com.acme.inventory.InventoryException.Kind;
import com.acme.inventory.RetryPolicy;
import com.acme.inventory.StockLevel;
import com.acme.inventory.hidden.Fixtures.Harness;
import com.acme.inventory.hidden.Fixtures.ManualClock;
import com.acme.inventory.hidden.Fixtures.RecordingRandom;
import com.acme.inventory.hidden.Fixtures.RecordingSleeper;
import dev.grader.support.Seeds;
import dev.grader.support.precondition.Precondition;
import dev.grader.support.wiremock.FlakyDownstream;
import dev.grader.support.wiremock.Reply;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Interruption, and one client shared by several calls and threads. */
@Tag("robustness")
class RobustnessTest {

  @RegisterExtension static final FlakyDownstream downstream = FlakyDownstream.create();

  @Test
  void interruptWhileWaitingStopsAndKeepsTheFlag() {
    Random seed = Seeds.random("robustness.interrupt-sleep");
    String sku = sku(seed);
    downstream.stub("GET", "/stock/" + sku, Reply.status(503));
    ManualClock clock = ManualClock.seeded(seed);
    // Like Thread.sleep: throws with the interrupt flag already cleared.
    RecordingSleeper sleeper =
        new RecordingSleeper(clock) {
          @Override
          public void sleep(Duration duration) throws InterruptedException {
            super.sleep(duration);
            throw new InterruptedException("interrupted by the test");
          }
        };
    Harness h = new Harness(downstream, policy(5, 10, 100), clock, sleeper, RecordingRandom.highest());

    InventoryException failure = null;
    boolean flag;
    try {
      StockLevel level = h.client.stock(sku);
      throw new AssertionError("interrupted while waiting, yet the call returned " + level);
    } catch (InventoryException e) {
      failure = e;
    } finally {
      flag = Thread.interrupted(); // read and clear, so the flag does not leak into other tests
    }

    int requests = downstream.count("GET", "/stock/" + sku);
    assertEquals(
        1,
        requests,
        "the sleeper was interrupted before the first retry: expected the call to stop after 1"
            + " request; saw " + requests);
    assertEquals(
        Kind.INTERRUPTED,
        failure.kind(),
        "interrupted while waiting: expected INTERRUPTED; saw " + failure.kind());
    assertTrue(flag, "after an interrupt the thread's interrupt flag should be set again; it was clear");
    assertTrue(
        failure.getCause() instanceof InterruptedException,
        "interrupted while waiting: the INTERRUPTED exception carries the InterruptedException as its"
            + " cause; its cause was " + failure.getCause());
  }

  @Test
  void interruptDuringARequestStopsAndKeepsTheFlag() throws Exception {
    Random seed = Seeds.random("robustness.interrupt-request");
    String sku = sku(seed);
    // Held 5 s at most (released after the test, so no request is left in flight when the server stops): a call
    // that waits for the response misses the 1.5 s mark by far, however late the interrupt comes on a busy machine.
    downstream.stub(
        "GET", "/stock/" + sku, Reply.ok(stockJson(sku, 1)).heldBy(downstream.hold(Duration.ofMillis(5_000))));
    RetryPolicy policy =
        new RetryPolicy(4, Duration.ofMillis(10), Duration.ofMillis(100), Duration.ofSeconds(5),
            Fixtures.NO_DEADLINE);
    Harness h = new Harness(downstream, policy, RecordingRandom.highest(), seed);

    AtomicReference<Object> outcome = new AtomicReference<>();
    AtomicBoolean flag = new AtomicBoolean();
    Thread caller =
        new Thread(
            () -> {
              try {
                outcome.set(h.client.stock(sku));
              } catch (Throwable t) {
                outcome.set(t);
              } finally {
                flag.set(Thread.currentThread().isInterrupted());
              }
            },
            "interrupted-caller");
    caller.start();
    downstream.awaitCount("GET", "/stock/" + sku, 1, Duration.ofSeconds(3));
    long interruptedAt = System.nanoTime();
    caller.interrupt();
    caller.join(8_000);

    assertTrue(!caller.isAlive(), "the call was still running 8s after its thread was interrupted");
    long tookMillis = (System.nanoTime() - interruptedAt) / 1_000_000;
    Object result = outcome.get();
    assertTrue(
        result instanceof InventoryException && ((InventoryException) result).kind() == Kind.INTERRUPTED,
        "interrupted while waiting for a response: expected an InventoryException of kind"
            + " INTERRUPTED; saw " + result);
    int requests = downstream.count("GET", "/stock/" + sku);
    assertEquals(1, requests, "interrupted during the first request: expected no retry; saw " + requests + " requests");
    assertTrue(h.sleeps().isEmpty(), "interrupted: expected no sleep; slept " + describe(h.sleeps()));
    assertTrue(flag.get(), "after an interrupt the thread's interrupt flag should be set again; it was clear");
    assertTrue(
        ((InventoryException) result).getCause() instanceof InterruptedException,
        "interrupted during a request: the INTERRUPTED exception carries the InterruptedException as"
            + " its cause; its cause was " + ((InventoryException) result).getCause());
    assertTrue(tookMillis < 1_500, "the call should stop promptly when interrupted; took " + tookMillis + "ms");
  }

  @Test
  void eachCallHasItsOwnAttemptBudgetAndBackoff() throws Exception {
    Random seed = Seeds.random("robustness.sequential");
    long base = 10 + seed.nextInt(90);
    Harness h = new Harness(downstream, policy(3, base, base * 100), RecordingRandom.highest(), seed);

    for (int call = 1; call <= 3; call++) {
      String sku = sku(seed) + "-" + call;
      int available = seed.nextInt(100);
      downstream.failThenSucceed("GET", "/stock/" + sku, 2, Reply.status(503), Reply.ok(stockJson(sku, available)));
      int sleepsBefore = h.sleeps().size();
      StockLevel level;
      try {
        level = h.client.stock(sku);
      } catch (InventoryException e) {
        throw new AssertionError(
            "call " + call + " on the same client (503, 503, 200 with maxAttempts=3) failed with "
                + e.kind() + " " + e.status() + " after " + downstream.count("GET", "/stock/" + sku)
                + " request(s): do calls share an attempt counter?",
            e);
      }
      assertEquals(new StockLevel(sku, available), level);
      List<Duration> mine = h.sleeps().subList(sleepsBefore, h.sleeps().size());
      assertEquals(
          millis(base, 2 * base),
          mine,
          "call " + call + " on the same client: each call's backoff starts again at the base ("
              + base + "ms); slept " + describe(mine));
    }
  }

  @Test
  void concurrentCallersKeepIndependentAttemptsAndBackoff() throws Exception {
    Random seed = Seeds.random("robustness.concurrent");
    int callers = 6;
    long base = 10 + seed.nextInt(40);
    ManualClock clock = ManualClock.seeded(seed);
    // Each caller's first sleep waits until every caller has failed its first attempt, so the calls
    // overlap for sure.
    MeetingSleeper sleeper = new MeetingSleeper(clock, callers, 5);
    Harness h = new Harness(downstream, policy(5, base, base * 100), clock, sleeper, RecordingRandom.highest());
    InventoryClient shared = h.client;

    List<String> skus = new ArrayList<>();
    List<Integer> failures = new ArrayList<>();
    for (int i = 0; i < callers; i++) {
      String sku = sku(seed) + "-" + i;
      int failing = 2 + (i % 3); // 2, 3 or 4 failures, then success: within 5 attempts
      skus.add(sku);
      failures.add(failing);
      downstream.failThenSucceed("GET", "/stock/" + sku, failing, Reply.status(503), Reply.ok(stockJson(sku, i)));
    }

    List<Thread> threads = new ArrayList<>();
    List<AtomicReference<Object>> outcomes = new ArrayList<>();
    for (int i = 0; i < callers; i++) {
      String sku = skus.get(i);
      AtomicReference<Object> outcome = new AtomicReference<>();
      outcomes.add(outcome);
      Thread t =
          new Thread(
              () -> {
                try {
                  outcome.set(shared.stock(sku));
                } catch (Throwable e) {
                  outcome.set(e);
                }
              },
              "caller-" + i);
      threads.add(t);
    }
    threads.forEach(Thread::start);
    for (Thread t : threads) {
      t.join(8_000);
      assertTrue(!t.isAlive(), t.getName() + " was still running after 8s");
    }

    assertTrue(
        !sleeper.serialised.get(),
        callers + " callers sharing one client should wait for their first retries at the same"
            + " time; after 5s only " + sleeper.arrived.size() + " had failed a first attempt: are calls"
            + " serialised?");
    for (int i = 0; i < callers; i++) {
      String sku = skus.get(i);
      int failing = failures.get(i);
      Object outcome = outcomes.get(i).get();
      assertEquals(
          new StockLevel(sku, i),
          outcome,
          "caller " + i + " (" + failing + " x 503 then 200, maxAttempts=5) should succeed on its"
              + " own attempt budget");
      List<Long> expected = new ArrayList<>();
      for (int n = 1; n <= failing; n++) {
        expected.add(base << (n - 1));
      }
      List<Duration> mine = sleeper.sleepsOf(threads.get(i));
      List<Long> mineMillis = mine.stream().map(Duration::toMillis).toList();
      assertEquals(
          expected,
          mineMillis,
          "caller " + i + " (" + failing + " x 503 then 200) should back off " + expected
              + "ms on its own thread, independent of the other callers; slept " + describe(mine));
      assertEquals(
          failing + 1,
          downstream.count("GET", "/stock/" + sku),
          "caller " + i + ": expected " + (failing + 1) + " requests");
    }
  }
  /**
   * Two calls on one client overlap: a second call starts while the first waits for its second retry. The first call
   * still gives up at its own deadline, not at one measured from the second call's start.
   */
  @Test
  void overlappingCallsKeepTheirOwnDeadlines() throws Exception {
    Random seed = Seeds.random("robustness.own-deadline");
    String first = sku(seed) + "-a";
    String second = sku(seed) + "-b";
    long base = 200 + seed.nextInt(200);
    // Attempts of the first call start at 0, base, 3 * base; a fourth would start at 7 * base, just after the deadline.
    long deadline = 7 * base - 1;
    RetryPolicy policy = deadlinePolicy(base, deadline);
    downstream.stub("GET", "/stock/" + first, Reply.status(503));
    // The second call's one request is answered once the first call has ended (at most 2 s): it is running all along.
    var hold = downstream.hold(Duration.ofSeconds(2));
    downstream.stub("GET", "/stock/" + second, Reply.ok(stockJson(second, 3)).heldBy(hold));
    ManualClock clock = ManualClock.seeded(seed);
    AtomicReference<Object> secondOutcome = new AtomicReference<>();
    Thread[] secondCaller = new Thread[1];
    AtomicReference<Harness> harness = new AtomicReference<>();
    // The first call's second wait (base to 3 * base) ends with the second call started and its request sent.
    RecordingSleeper sleeper =
        new RecordingSleeper(clock) {
          @Override
          public void sleep(Duration duration) throws InterruptedException {
            super.sleep(duration);
            Thread me = Thread.currentThread();
            if (me.getName().equals("first-caller") && sleepsOf(me).size() == 2) {
              secondCaller[0] = new Thread(() -> {
                try {
                  secondOutcome.set(harness.get().client.stock(second));
                } catch (Throwable t) {
                  secondOutcome.set(t);
                }
              }, "second-caller");
              secondCaller[0].start();
              downstream.awaitCount("GET", "/stock/" + second, 1, Duration.ofSeconds(3));
            }
          }
        };
    Harness h = new Harness(downstream, policy, clock, sleeper, RecordingRandom.highest());
    harness.set(h);
    // Alone, a call gives up at its deadline after 3 attempts: a client that does not is graded by the deadline's rules.
    String alone = sku(seed) + "-alone";
    downstream.stub("GET", "/stock/" + alone, Reply.status(503));
    try {
      h.client.stock(alone);
    } catch (InventoryException expected) {
      // always 503: the call fails
    }
    int aloneRequests = downstream.count("GET", "/stock/" + alone);
    Precondition.require("wait-past-deadline-gives-up", aloneRequests == 3, () -> "a call alone, always 503 (base "
        + base + "ms, random pinned high, deadline " + deadline + "ms), made " + aloneRequests + " requests; expected"
        + " 3, the fourth would start after the deadline");
    AtomicReference<Object> firstOutcome = new AtomicReference<>();
    Thread firstCaller = new Thread(() -> {
      try {
        firstOutcome.set(h.client.stock(first));
      } catch (Throwable t) {
        firstOutcome.set(t);
      }
    }, "first-caller");
    firstCaller.start();
    firstCaller.join(8_000);
    hold.release();
    assertTrue(!firstCaller.isAlive(), "the first call was still running after 8s");
    assertTrue(secondCaller[0] != null, "the first call (always 503, deadline " + deadline + "ms, base " + base
        + "ms) never waited for a second retry; slept " + describe(sleeper.sleepsOf(firstCaller)));
    secondCaller[0].join(8_000);
    assertTrue(!secondCaller[0].isAlive(), "the second call was still running 8s after its answer was let go");
    int requests = downstream.count("GET", "/stock/" + first);
    assertEquals(3, requests, "a call always answered 503 (base " + base + "ms, random pinned high, deadline " + deadline
        + "ms) while a second call on the same client started " + 3 * base + "ms after it: its attempts start at 0, "
        + base + " and " + 3 * base + "ms and the next would start at " + 7 * base + "ms, after its own deadline;"
        + " expected 3 requests, saw " + requests + " (every call keeps its own deadline); the first call slept "
        + describe(sleeper.sleepsOf(firstCaller)));
    assertTrue(firstOutcome.get() instanceof InventoryException,
        "the first call (always 503) should fail with an InventoryException; it ended with " + firstOutcome.get());
    assertEquals(new StockLevel(second, 3), secondOutcome.get(), "the second call (200 at its first attempt)");
  }

  @Test
  void callersOfTheSameSkuDoNotWaitForEachOther() throws Exception {
    Random seed = Seeds.random("robustness.same-sku");
    int callers = 4;
    long base = 10 + seed.nextInt(40);
    ManualClock clock = ManualClock.seeded(seed);
    // Each caller's first sleep waits until every caller has failed its first attempt.
    MeetingSleeper sleeper = new MeetingSleeper(clock, callers, 5);
    Harness h = new Harness(downstream, policy(5, base, base * 100), clock, sleeper, RecordingRandom.highest());
    String sku = sku(seed);
    // Every caller's first attempt fails, every later one succeeds.
    downstream.failThenSucceed("GET", "/stock/" + sku, callers, Reply.status(503), Reply.ok(stockJson(sku, 7)));

    List<Thread> threads = new ArrayList<>();
    List<AtomicReference<Object>> outcomes = new ArrayList<>();
    for (int i = 0; i < callers; i++) {
      String mine = new String(sku.toCharArray()); // equal, not the same object: as from separate requests
      AtomicReference<Object> outcome = new AtomicReference<>();
      outcomes.add(outcome);
      Thread t =
          new Thread(
              () -> {
                try {
                  outcome.set(h.client.stock(mine));
                } catch (Throwable e) {
                  outcome.set(e);
                }
              },
              "same-sku-caller-" + i);
      threads.add(t);
    }
    threads.forEach(Thread::start);
    for (Thread t : threads) {
      t.join(10_000);
      assertTrue(!t.isAlive(), t.getName() + " was still running after 10s");
    }

    assertTrue(
        !sleeper.serialised.get(),
        callers + " callers asking one client for the same SKU should wait for their first retries at the same"
            + " time; after 5s only " + sleeper.arrived.size() + " had failed a first attempt: calls from different"
            + " threads proceed in parallel, the same SKU too");
    for (int i = 0; i < callers; i++) {
      assertEquals(
          new StockLevel(sku, 7), outcomes.get(i).get(), "caller " + i + " (one 503, then 200) should succeed");
    }
  }
  /**
   * Records like {@link RecordingSleeper}; each thread's first sleep also waits, up to {@code seconds}, until
   * {@code callers} threads have slept once. {@code serialised} is set when they never all got there.
   */
  private static final class MeetingSleeper extends RecordingSleeper {
    final AtomicBoolean serialised = new AtomicBoolean();
    final Set<Thread> arrived = Collections.synchronizedSet(new HashSet<>());
    private final CyclicBarrier together;
    private final int seconds;

    MeetingSleeper(ManualClock clock, int callers, int seconds) {
      super(clock);
      this.together = new CyclicBarrier(callers);
      this.seconds = seconds;
    }

    @Override
    public void sleep(Duration duration) throws InterruptedException {
      super.sleep(duration);
      if (arrived.add(Thread.currentThread()) && !serialised.get()) {
        try {
          together.await(seconds, TimeUnit.SECONDS);
        } catch (TimeoutException | BrokenBarrierException e) {
          serialised.set(true);
        }
      }
    }
  }
}
