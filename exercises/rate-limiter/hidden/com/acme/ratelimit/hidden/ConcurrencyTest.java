package com.acme.ratelimit.hidden;

import static com.acme.ratelimit.hidden.Limits.between;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.acme.ratelimit.Decision;
import com.acme.ratelimit.TimeSource;
import com.acme.ratelimit.TokenBucketRateLimiter;
import dev.grader.support.Seeds;
import dev.grader.support.interleave.Interleavings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Many threads at once: exactly the capacity is admitted, for existing and brand-new keys. */
@Tag("concurrency")
class ConcurrencyTest {

  /**
   * Longest time the pairs test keeps starting new rounds for, when the machine is too busy for its two threads to
   * really overlap; a correct limiter passes every round.
   */
  private static final long ROUNDS_BUDGET_NANOS = 1_500_000_000L;

  private ExecutorService pool;

  @AfterEach
  void stopPool() {
    if (pool != null) {
      pool.shutdownNow();
    }
  }

  /**
   * Six threads drain one key on a frozen clock. The submission's race windows are widened ({@link Interleavings}):
   * a thread held up between reading the bucket and writing it back lets the others run through, so a check-then-act
   * that is not atomic loses updates in the first rounds, on any number of cores.
   */
  @Test
  void hammeringOneKeyAdmitsExactlyTheCapacity() throws Exception {
    Random random = Seeds.random("concurrency.hammer");
    int threads = 6;
    pool = Executors.newFixedThreadPool(threads);
    for (int round = 1; round <= 10; round++) {
      long capacity = between(random, 200, 400);
      FrozenKey frozen = FrozenKey.withOneAdmitted(random, capacity);
      TokenBucketRateLimiter limiter = frozen.limiter();
      String key = frozen.key();
      AtomicLong refusedEarly = new AtomicLong();
      Queue<Long> told = new ConcurrentLinkedQueue<>();
      Round together = runWidened(threads, () -> drain(limiter, capacity, () -> key, refusedEarly, told::add));
      long admitted = 1 + together.sum();
      if (admitted != capacity) {
        fail(String.format("round %d: %d threads hammering one key on a frozen clock admitted %d requests; "
            + "the capacity is %d%s", round, threads, admitted, capacity,
            admitted > capacity ? " (updates to the bucket were lost: check-then-act is not atomic)" : ""));
      }
      failOnEarlyRefusals(round, threads, refusedEarly);
      failOnSharedRemaining(round, threads, capacity, told);
      assertEquals(0, limiter.availableTokens(key), "round " + round + ": availableTokens after "
          + threads + " threads drained a bucket of " + capacity);
    }
  }

  @Test
  void twoRequestsRacingForTheSameTokensAreNotBothAdmitted() throws Exception {
    Random random = Seeds.random("concurrency.pairs");
    int threads = 2;
    int rounds = 2_000;
    pool = Executors.newFixedThreadPool(threads);
    YieldingClock clock = new YieldingClock(random.nextLong() >> 3); // frozen: nothing refills
    TokenBucketRateLimiter[] limiters = new TokenBucketRateLimiter[rounds];
    long[] asked = new long[rounds];
    long[] left = new long[rounds];
    for (int r = 0; r < rounds; r++) {
      long capacity = between(random, 2, 40);
      limiters[r] = new TokenBucketRateLimiter(capacity, 1, Duration.ofSeconds(1), clock);
      left[r] = capacity;
      if (r % 2 == 1) { // half the rounds on an existing key, half on a brand-new one
        long taken = between(random, 1, capacity / 2);
        limiters[r].tryAcquire("k", taken);
        left[r] -= taken;
      }
      asked[r] = left[r] / 2 + 1; // one request fits, two do not
    }
    // The two threads meet at a spinning barrier before every round, so their requests really overlap; a thread
    // that waits long (its partner is not on a processor, as on a busy machine) yields instead of spinning on.
    AtomicLong arrived = new AtomicLong();
    AtomicLong finishedRounds = new AtomicLong();
    boolean[][] allowed = new boolean[rounds][threads];
    AtomicBoolean stop = new AtomicBoolean();
    // The submission's race windows are widened too ({@link Interleavings}), so a check-then-act shows in few rounds.
    try (Interleavings.Scope widened = Interleavings.on(4, 16, 100_000)) {
      List<Future<Long>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int me = t;
        futures.add(pool.submit(() -> {
          for (int r = 0; r < rounds && !stop.get(); r++) {
            arrived.incrementAndGet();
            long target = (long) threads * (r + 1);
            for (int spins = 0; arrived.get() < target; spins++) {
              if (stop.get()) {
                return 0L;
              }
              if (spins < 1_000) {
                Thread.onSpinWait();
              } else { // the other thread is not running: let it, instead of spinning out a time slice
                Thread.yield();
              }
            }
            allowed[r][me] = limiters[r].tryAcquire("k", asked[r]).allowed();
            if (me == 0) {
              finishedRounds.set(r + 1);
            }
          }
          return 0L;
        }));
      }
      long deadline = System.nanoTime() + ROUNDS_BUDGET_NANOS;
      while (System.nanoTime() < deadline && !futures.stream().allMatch(Future::isDone)) {
        Thread.sleep(1);
      }
      stop.set(true);
      for (Future<Long> future : futures) {
        try {
          future.get(5, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
          fail("a thread calling the limiter did not finish within 5 s (deadlock or endless loop?)");
        } catch (ExecutionException e) {
          throw new AssertionError("a thread calling the limiter failed: " + e.getCause(), e.getCause());
        }
      }
    }
    int both = 0;
    int first = -1;
    long done = finishedRounds.get();
    for (int r = 0; r < done; r++) {
      if (allowed[r][0] && allowed[r][1]) {
        both++;
        first = first < 0 ? r : first;
      }
    }
    if (both > 0) {
      fail(String.format("two threads each asked for %d permits at the same moment from a bucket holding %d "
              + "(%s key, capacity %d) and both were admitted; this happened in %d of %d rounds: checking "
              + "and taking tokens must be one atomic step", asked[first], left[first],
          first % 2 == 1 ? "an existing" : "a brand-new", limiters[first].capacity(), both, done));
    }
  }

  @Test
  void theFirstRequestsOfANewKeyAdmitExactlyTheCapacity() throws Exception {
    Random random = Seeds.random("concurrency.new-key");
    int threads = 16;
    pool = Executors.newFixedThreadPool(threads);
    YieldingClock clock = new YieldingClock(random.nextLong() >> 3);
    for (int round = 1; round <= 30; round++) {
      long capacity = between(random, 1, threads / 2);
      TokenBucketRateLimiter limiter = new TokenBucketRateLimiter(capacity, 1, Duration.ofHours(1), clock);
      String key = "new-" + round + "-" + random.nextInt(1_000_000);
      Round together = runWidened(threads, () -> limiter.tryAcquire(key).allowed() ? 1L : 0L);
      long admitted = together.sum();
      if (admitted != capacity) {
        fail(String.format("round %d: %d threads sent the very first requests of a new key at once and %d "
            + "were admitted; the capacity is %d%s", round, threads, admitted, capacity,
            admitted > capacity ? " (all requests of a key must count against one bucket, checked and taken "
                + "atomically, also while the bucket is being created)" : ""));
      }
    }
  }

  /**
   * In production each request's key is a new String (read from a header, say): equal to the last request's key,
   * but another object. Equal keys are one client with one bucket, whatever String object carries them.
   */
  @Test
  void equalKeysInDistinctStringObjectsShareOneBucket() throws Exception {
    Random random = Seeds.random("concurrency.distinct-strings");
    int threads = 8;
    pool = Executors.newFixedThreadPool(threads);
    // The race shows only while one thread is held up inside the bucket's update and another runs through it: the
    // submission's race windows are widened ({@link Interleavings}), so it shows in the first rounds on any machine.
    for (int round = 1; round <= 10; round++) {
      long capacity = between(random, 200, 400);
      FrozenKey frozen = FrozenKey.withOneAdmitted(random, capacity);
      TokenBucketRateLimiter limiter = frozen.limiter();
      String key = frozen.key();
      // a new String object for each request, equal to the others
      AtomicLong refusedEarly = new AtomicLong();
      Round together = runWidened(threads, () -> drain(limiter, capacity, () -> new String(key), refusedEarly));
      long admitted = 1 + together.sum();
      if (admitted != capacity) {
        fail(String.format("round %d: %d threads sent requests for the key \"%s\" at once, each request with its own "
            + "String object equal to the others (as a key read from a request header is), and %d were admitted on a "
            + "frozen clock; the capacity is %d. The brief: exactly capacity requests are admitted when many threads "
            + "send requests for the same key at the same moment%s", round, threads, key, admitted,
            capacity, admitted > capacity ? " (equal keys must be checked and taken atomically on one bucket; a lock "
                + "on the key's String object is not shared by equal keys)" : ""));
      }
      failOnEarlyRefusals(round, threads, refusedEarly);
    }
  }

  /**
   * availableTokens is a read, but it refills the bucket: done outside the key's atomic step (a snapshot refilled and
   * stored back, a get and a put), it can store a level read before a request took tokens, and give them back. Two
   * threads drain a key on a frozen clock while two others keep reading it; the submission's race windows are widened
   * ({@link Interleavings}), so a read landing between another thread's read and write shows within a few rounds.
   */
  @Test
  void availableTokensDuringRequestsGivesNoTokenBack() throws Exception {
    Random random = Seeds.random("concurrency.read-during-take");
    int takers = 2;
    int threads = 4;
    pool = Executors.newFixedThreadPool(threads);
    try (Interleavings.Scope widened = Interleavings.on(4, 8, 200_000)) {
      for (int round = 1; round <= 8; round++) {
        long capacity = between(random, 20, 60);
        FrozenKey frozen = FrozenKey.withOneAdmitted(random, capacity);
        TokenBucketRateLimiter limiter = frozen.limiter();
        String key = frozen.key();
        AtomicInteger roles = new AtomicInteger();
        AtomicInteger takersDone = new AtomicInteger();
        Round together = runTogether(threads, () -> {
          if (roles.getAndIncrement() < takers) {
            long mine = drain(limiter, capacity, () -> key, new AtomicLong()); // its check is the total below
            takersDone.incrementAndGet();
            return mine;
          }
          for (int reads = 0; reads < 10_000 && takersDone.get() < takers; reads++) {
            limiter.availableTokens(key);
          }
          return 0L;
        });
        long admitted = 1 + together.sum();
        long left = limiter.availableTokens(key);
        if (admitted != capacity || left != 0) {
          fail(String.format("round %d: on a frozen clock, %d threads drained a key of capacity %d while %d others "
              + "called availableTokens on it; %d requests were admitted and %d tokens were left afterwards "
              + "(expected %d and 0). The brief: availableTokens consumes nothing, every method may be called from "
              + "many threads at once, and exactly capacity requests are admitted (a read that stores a refilled "
              + "level back outside the key's atomic step gives taken tokens back)", round, takers, capacity,
              threads - takers, admitted, left, capacity));
        }
      }
    }
  }

  /**
   * The sweep that drops full buckets runs on a caller's thread while other callers' requests arrive. Every bucket
   * here has refilled, so a sweep is due; while it runs, threads drain the keys. A key drained during the
   * sweep must stay drained: the sweep must not drop (or lose) a bucket a request has just taken tokens from. The
   * submission's race windows are widened ({@link Interleavings}): a request held up between finding a bucket and
   * taking from it while the sweep drops that bucket shows in most rounds, not in a lucky one.
   */
  @Test
  void aSweepRacingWithRequestsLosesNoDrainedBucket() throws Exception {
    Random random = Seeds.random("concurrency.sweep-race");
    int threads = 4;
    int targets = 20;
    String[] idle = new String[20]; // other tracked keys, for the sweep to go through
    for (int i = 0; i < idle.length; i++) {
      idle[i] = "idle-" + i;
    }
    pool = Executors.newFixedThreadPool(threads);
    for (int round = 1; round <= 24; round++) { // a round catches a sweep that drops a bucket in use 1 time in 3
      long capacity = between(random, 1, 3);
      ManualClock clock = ManualClock.randomStart(random);
      TokenBucketRateLimiter limiter = new TokenBucketRateLimiter(capacity, 1, Duration.ofMillis(between(random, 1,
          1_000)), clock);
      for (String key : idle) {
        limiter.tryAcquire(key);
      }
      String[] names = new String[targets];
      for (int k = 0; k < targets; k++) {
        names[k] = "drained-" + round + "-" + k;
        limiter.tryAcquire(names[k], capacity);
      }
      clock.advance(limiter.fullRefillNanos() + between(random, 0, 1_000)); // every bucket full: a sweep is due
      long seed = random.nextLong();
      AtomicLong thread = new AtomicLong();
      Round together;
      try (Interleavings.Scope widened = Interleavings.on(4, 16, 100_000, 2, 400_000)) {
        together = runTogether(threads, () -> {
          List<Integer> order = new ArrayList<>();
          for (int k = 0; k < targets; k++) {
            order.add(k);
          }
          java.util.Collections.shuffle(order, new Random(seed + thread.incrementAndGet()));
          long mine = 0;
          for (int k : order) {
            for (long n = 0; n <= capacity && limiter.tryAcquire(new String(names[k])).allowed(); n++) {
              mine++;
            }
          }
          return mine;
        });
      }
      long admitted = together.sum();
      List<String> refilled = new ArrayList<>();
      for (String key : names) {
        if (limiter.availableTokens(key) != 0) {
          refilled.add(key);
        }
      }
      if (admitted != capacity * targets || !refilled.isEmpty()) {
        fail(String.format("round %d: %d keys of capacity %d had refilled completely, so a sweep for full buckets was "
            + "due; %d threads then drained them all at once (the first request swept), admitting %d requests "
            + "(expected %d x %d = %d), and on the frozen clock afterwards %d of the drained keys had tokens again "
            + "(e.g. %s). The brief: a sweep for full buckets must be safe with requests arriving at the same "
            + "moment, and a bucket that is not full must never be forgotten", round, targets, capacity, threads,
            admitted, targets, capacity, capacity * targets, refilled.size(),
            refilled.isEmpty() ? "none" : refilled.get(0)));
      }
    }
  }

  /**
   * A burst of requests on one key while the sweep drops that key's full bucket: the burst's threads may all have
   * found the bucket just before the sweep dropped it. Each that then finds it dropped must take from the one bucket
   * the key has now; a new full bucket put in place of another's would hand the capacity out twice. The clock is frozen
   * after the sweep, so the key admits exactly its capacity. Each round is short and meets the race only now and then
   * (the sweep must reach the bucket before the burst does), so there are many.
   */
  @Test
  void aBurstOnTheKeyASweepDropsIsAdmittedCapacityOnce() throws Exception {
    Random random = Seeds.random("concurrency.sweep-burst");
    int threads = 4;
    pool = Executors.newFixedThreadPool(threads);
    for (int round = 1; round <= 300; round++) {
      long capacity = between(random, 1, 3);
      ManualClock clock = ManualClock.randomStart(random);
      TokenBucketRateLimiter limiter = new TokenBucketRateLimiter(capacity, 1, Duration.ofMillis(between(random, 1,
          1_000)), clock);
      String key = "burst-" + round;
      limiter.tryAcquire(key, capacity);
      clock.advance(limiter.fullRefillNanos() + between(random, 0, 1_000)); // full again: a sweep is due
      Round together;
      try (Interleavings.Scope widened = Interleavings.on(4, 16, 50_000, 2, 100_000)) {
        together = runTogether(threads, () -> {
          long mine = 0;
          for (long n = 0; n <= capacity && limiter.tryAcquire(new String(key)).allowed(); n++) {
            mine++;
          }
          return mine;
        });
      }
      if (together.sum() != capacity) {
        fail(String.format("round %d: a key of capacity %d had refilled completely, so a sweep for full buckets was "
            + "due; %d threads then sent requests for it at once (the first request swept) until refused, on a "
            + "frozen clock: %d were admitted (expected %d). The brief: a sweep for full buckets must be safe with "
            + "requests arriving at the same moment, and a bucket never admits more than its tokens", round,
            capacity, threads, together.sum(), capacity));
      }
    }
  }

  /** A limiter on a frozen clock, and a key whose first request it admitted. */
  private record FrozenKey(TokenBucketRateLimiter limiter, String key) {

    static FrozenKey withOneAdmitted(Random random, long capacity) {
      ManualClock clock = ManualClock.randomStart(random); // frozen: nothing refills
      TokenBucketRateLimiter limiter = new TokenBucketRateLimiter(capacity, 1, Duration.ofSeconds(1), clock);
      String key = "client-" + random.nextInt(1_000_000);
      assertTrue(limiter.tryAcquire(key).allowed(), "the first request of a new key");
      return new FrozenKey(limiter, key);
    }
  }

  /**
   * Takes one token at a time until refused; how many it took (bounded: it stops past the capacity if nothing is
   * refused). On a frozen clock a bucket never refills, so a refusal while the bucket still holds a token is wrong:
   * each is counted in {@code refusedEarly}.
   */
  private static long drain(
      TokenBucketRateLimiter limiter, long capacity, Supplier<String> key, AtomicLong refusedEarly) {
    return drain(limiter, capacity, key, refusedEarly, remaining -> { });
  }

  /** {@link #drain}, handing each admitted decision's {@code remaining} to {@code admitted}. */
  private static long drain(TokenBucketRateLimiter limiter, long capacity, Supplier<String> key,
      AtomicLong refusedEarly, LongConsumer admitted) {
    long mine = 0;
    while (mine <= capacity) {
      Decision d = limiter.tryAcquire(key.get());
      if (!d.allowed()) {
        break;
      }
      admitted.accept(d.remaining());
      mine++;
    }
    if (limiter.availableTokens(key.get()) > 0) {
      refusedEarly.incrementAndGet();
    }
    return mine;
  }

  private static void failOnEarlyRefusals(int round, int threads, AtomicLong refusedEarly) {
    if (refusedEarly.get() > 0) {
      fail(String.format("round %d: %d threads took one token at a time from one key on a frozen clock, and %d of "
          + "them had a request refused while the bucket still held tokens. The brief: exactly capacity requests are "
          + "admitted, no more, no fewer; a request that loses a race for the bucket to another thread must try "
          + "again, not be refused", round, threads, refusedEarly.get()));
    }
  }

  /**
   * Each admitted request of a drain on a frozen clock left the bucket one token lower than the one before: their
   * {@code remaining} values are capacity - 2 down to 0 (the first request, before the threads, was told capacity - 1),
   * each once. Two requests told the same value were described by a bucket another request had changed since.
   */
  private static void failOnSharedRemaining(int round, int threads, long capacity, Queue<Long> told) {
    Map<Long, Integer> times = new TreeMap<>();
    for (long remaining : told) {
      times.merge(remaining, 1, Integer::sum);
    }
    for (Map.Entry<Long, Integer> e : times.entrySet()) {
      if (e.getValue() > 1 || e.getKey() < 0 || e.getKey() > capacity - 2) {
        fail(String.format("round %d: %d threads took one token at a time from one key (capacity %d) on a frozen "
            + "clock, and %d admitted requests were told remaining = %d. Each decision's remaining is the whole "
            + "tokens left in the bucket after this decision: every admission leaves one token fewer, so no two "
            + "admissions can be told the same value. Read the decision's fields in the same atomic step that takes "
            + "the tokens", round, threads, capacity, e.getValue(), e.getKey()));
      }
    }
  }

  /** One round: what each thread's task returned. */
  private record Round(List<Long> results) {

    long sum() {
      return results.stream().mapToLong(Long::longValue).sum();
    }
  }

  /** {@link #runTogether} with the submission's race windows widened while the threads run. */
  private Round runWidened(int threads, Callable<Long> task) throws Exception {
    try (Interleavings.Scope widened = Interleavings.on(4, 16, 100_000)) {
      return runTogether(threads, task);
    }
  }

  private Round runTogether(int threads, Callable<Long> task) throws Exception {
    CountDownLatch ready = new CountDownLatch(threads);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<Long>> futures = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      futures.add(pool.submit(() -> {
        ready.countDown();
        go.await();
        return task.call();
      }));
    }
    if (!ready.await(5, TimeUnit.SECONDS)) {
      fail("the worker threads did not start within 5 s");
    }
    go.countDown();
    List<Long> results = new ArrayList<>();
    for (Future<Long> future : futures) {
      try {
        results.add(future.get(5, TimeUnit.SECONDS));
      } catch (TimeoutException e) {
        fail("a thread calling the limiter did not finish within 5 s (deadlock or endless loop?)");
      } catch (ExecutionException e) {
        throw new AssertionError("a thread calling the limiter failed: " + e.getCause(), e.getCause());
      }
    }
    return new Round(results);
  }

  /** A frozen clock that yields the processor on every reading, to widen race windows. */
  static final class YieldingClock implements TimeSource {
    private final long reading;

    YieldingClock(long reading) {
      this.reading = reading;
    }

    @Override
    public long nanoTime() {
      Thread.yield();
      return reading;
    }
  }
}
