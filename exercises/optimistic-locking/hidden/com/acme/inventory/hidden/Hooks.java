package com.acme.inventory.hidden;

import dev.grader.support.locks.LockWaits;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;

/** Write hooks for {@link JdbcSpy}: what happens just before the code under test sends a write to table item. */
final class Hooks {

  private Hooks() {}

  /** The threads a test's other writers run on (daemons: one the code under test never lets go does not keep the JVM alive). */
  static ExecutorService writers() {
    return Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "hidden-test-writer");
      t.setDaemon(true);
      return t;
    });
  }

  /**
   * The first {@code parties} writes wait for each other (at most {@code timeoutMillis}), so they are sent
   * together, after every one of them has done its reads and checks. Later writes pass straight through. The wait
   * ends early when a writer still to come waits for a lock one that arrived holds (it could never arrive).
   */
  static final class Rendezvous implements JdbcSpy.WriteHook {
    private static final long SLICE_MILLIS = 20;
    private final int parties;
    private final long timeoutMillis;
    private final Function<Collection<Thread>, List<String>> holdUps;
    private final CountDownLatch all;
    private final Set<Thread> waiting = ConcurrentHashMap.newKeySet();
    private final AtomicInteger arrived = new AtomicInteger();
    private final AtomicBoolean timedOut = new AtomicBoolean();

    /** {@code holdUps}: who waits for a lock that one of the given threads holds ({@link Hooks#waitingFor}). */
    Rendezvous(int parties, long timeoutMillis, Function<Collection<Thread>, List<String>> holdUps) {
      this.parties = parties;
      this.timeoutMillis = timeoutMillis;
      this.holdUps = holdUps;
      this.all = new CountDownLatch(parties);
    }

    @Override
    public void beforeWrite(String sql) {
      int n = arrived.incrementAndGet();
      if (n > parties) {
        return;
      }
      waiting.add(Thread.currentThread());
      all.countDown();
      long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
      try {
        while (!all.await(SLICE_MILLIS, TimeUnit.MILLISECONDS) && !timedOut.get()) {
          // the first to arrive looks for a writer kept away by a lock an arrived one holds
          if (System.nanoTime() > deadline || (n == 1 && !holdUps.apply(Set.copyOf(waiting)).isEmpty())) {
            timedOut.set(true); // the writers never all got there together (something serialises them): go on alone
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        waiting.remove(Thread.currentThread());
      }
    }

    /** Whether the writers failed to meet (they were kept apart, e.g. by a lock). */
    boolean timedOut() {
      return timedOut.get();
    }
  }

  /** Before the first write (or every write), run {@code action}: another writer commits a change right then. */
  static final class Interloper implements JdbcSpy.WriteHook {
    private final Supplier<Db.Interference> action;
    private final boolean everyTime;
    private final AtomicInteger runs = new AtomicInteger();
    private volatile Db.Interference last;

    Interloper(Supplier<Db.Interference> action, boolean everyTime) {
      this.action = action;
      this.everyTime = everyTime;
    }

    @Override
    public void beforeWrite(String sql) {
      if (!everyTime && runs.get() > 0) {
        return;
      }
      runs.incrementAndGet();
      try {
        last = action.get();
      } catch (RuntimeException e) {
        last = null;
      }
    }

    int runs() {
      return runs.get();
    }

    /** What the last interference did (null: it failed or never ran). */
    Db.Interference last() {
      return last;
    }
  }

  /**
   * Who waits now for a lock that {@code paused} holds, a thread of the test JVM or a database session, each described:
   * such a wait cannot end while {@code paused} is held, so a test that waits for a second writer can stop at once.
   */
  static List<String> waitingFor(Harness h, Thread paused) {
    return waitingFor(h, List.of(paused));
  }

  /** Who waits now for a lock that one of {@code paused} holds, each described. */
  static List<String> waitingFor(Harness h, Collection<Thread> paused) {
    List<String> out = new ArrayList<>(LockWaits.onThreads(paused));
    List<Integer> backends = new ArrayList<>();
    paused.forEach(t -> backends.addAll(h.spy.backendsOf(t)));
    out.addAll(LockWaits.onBackends(Db.raw(), backends));
    return out;
  }

  /** The first write stops until {@link #release()}; later writes pass. */
  static final class Pause implements JdbcSpy.WriteHook {
    private final CountDownLatch reached = new CountDownLatch(1);
    private final CountDownLatch released = new CountDownLatch(1);
    private final AtomicBoolean taken = new AtomicBoolean();
    private volatile Thread paused;

    @Override
    public void beforeWrite(String sql) {
      if (!taken.compareAndSet(false, true)) {
        return;
      }
      paused = Thread.currentThread();
      reached.countDown();
      try {
        released.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    boolean awaitReached(long millis) throws InterruptedException {
      return reached.await(millis, TimeUnit.MILLISECONDS);
    }

    void release() {
      released.countDown();
    }

    /** The thread stopped before its write (null before it got there). */
    Thread paused() {
      return paused;
    }
  }

  /** Just after the first write to table item has executed, another writer commits a change to the same row. */
  static final class AfterFirstWrite implements JdbcSpy.WriteHook {
    private final Supplier<Db.Interference> action;
    private final AtomicBoolean taken = new AtomicBoolean();
    private volatile Db.Interference result;

    AfterFirstWrite(Supplier<Db.Interference> action) {
      this.action = action;
    }

    @Override
    public void beforeWrite(String sql) {}

    @Override
    public void afterWrite(String sql) {
      if (taken.compareAndSet(false, true)) {
        try {
          result = action.get();
        } catch (RuntimeException e) {
          result = null;
        }
      }
    }

    /** What the other writer managed (null: it failed or never ran). */
    Db.Interference result() {
      return result;
    }
  }
}
