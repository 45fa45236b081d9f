package com.acme.inventory.hidden;

import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
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
   * together, after every one of them has done its reads and checks. Later writes pass straight through.
   */
  static final class Rendezvous implements JdbcSpy.WriteHook {
    private final int parties;
    private final long timeoutMillis;
    private final CyclicBarrier barrier;
    private final AtomicInteger arrived = new AtomicInteger();
    private final AtomicBoolean timedOut = new AtomicBoolean();

    Rendezvous(int parties, long timeoutMillis) {
      this.parties = parties;
      this.timeoutMillis = timeoutMillis;
      this.barrier = new CyclicBarrier(parties);
    }

    @Override
    public void beforeWrite(String sql) {
      if (arrived.incrementAndGet() > parties) {
        return;
      }
      try {
        barrier.await(timeoutMillis, TimeUnit.MILLISECONDS);
      } catch (TimeoutException | BrokenBarrierException e) {
        timedOut.set(true); // the writers never all got there together (something serialises them): go on alone
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
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

  /** The first write stops until {@link #release()}; later writes pass. */
  static final class Pause implements JdbcSpy.WriteHook {
    private final CountDownLatch reached = new CountDownLatch(1);
    private final CountDownLatch released = new CountDownLatch(1);
    private final AtomicBoolean taken = new AtomicBoolean();

    @Override
    public void beforeWrite(String sql) {
      if (!taken.compareAndSet(false, true)) {
        return;
      }
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
