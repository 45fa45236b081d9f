package com.acme.inventory.hidden;

import static org.junit.jupiter.api.Assertions.fail;

import com.acme.inventory.Item;
import com.acme.inventory.hidden.Db.Row;
import com.acme.inventory.hidden.Harness.Response;
import dev.grader.support.Seeds;
import dev.grader.support.locks.LockWaits;
import dev.grader.support.precondition.Precondition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * "No synchronized methods or any other lock in the JVM (global or per item) ... a client that reads an item and
 * thinks for a minute must not hold anything up", on every write path, not only PUT ({@link ApproachTest}): a lock
 * taken on one path alone (around {@code update}, on PATCH's handler) holds up the next writer of that path.
 */
@Tag("approach")
class WritePathsHoldNothingTest {

  /** How long a second writer may take while the first one is paused before its write. */
  private static final Duration SECOND_WRITER = Duration.ofSeconds(6);

  private final ExecutorService pool = Hooks.writers();

  @AfterEach
  void stopPool() {
    pool.shutdownNow();
  }

  /**
   * PATCH, DELETE, an adjustment and a restock, each paused just before its statement reaches the database, while a
   * second request of the same kind to the same row comes in: the second is answered at once. What the two answer is
   * the concurrency category's ({@link ConcurrencyTest}); a wrong answer here is not charged to the approach.
   */
  @Test
  void aWriterPausedBeforeItsWriteHoldsUpNoWriterOfItsRowOnAnyPath() throws Exception {
    Random random = Seeds.random("approach.every-path");
    for (String path : List.of("PATCH", "DELETE", "adjustment", "restock")) {
      try (Harness h = Harness.start()) {
        Row row = Db.insert(random);
        int first = 1 + random.nextInt(9);
        int second = 10 + random.nextInt(90);
        Hooks.Pause pause = new Hooks.Pause();
        h.spy.onWrite(pause);
        CompletableFuture<Response> paused = CompletableFuture.supplyAsync(() -> send(h, path, row, first), pool);
        try {
          if (!pause.awaitReached(10_000)) {
            fail("the " + describe(path, row, first) + " never sent its write to table item within 10 s (it answered "
                + (paused.isDone() ? paused.get().describe() : "nothing yet") + ")");
          }
          inTime(h, pause.paused(), () -> send(h, path, row, second), "a second " + describe(path, row, second)
              + " while the first was paused just before its write");
        } finally {
          pause.release();
        }
        paused.get(15, TimeUnit.SECONDS); // what either answers is ConcurrencyTest's: this rule is that nothing waited
      }
    }
  }

  /**
   * update(id, change) whose change thinks (blocks) on its first call while another update of the same item runs:
   * the other update returns at once.
   */
  @Test
  void anUpdateWhoseChangeIsThinkingHoldsUpNoOtherUpdateOfItsRow() throws Exception {
    Random random = Seeds.random("approach.thinking-change");
    try (Harness h = Harness.start()) {
      Row row = Db.insert(random);
      int first = 1 + random.nextInt(9);
      int second = 10 + random.nextInt(90);
      CountDownLatch thinking = new CountDownLatch(1);
      CountDownLatch decided = new CountDownLatch(1);
      AtomicInteger calls = new AtomicInteger();
      AtomicReference<Thread> thinker = new AtomicReference<>();
      CompletableFuture<Item> slow = CompletableFuture.supplyAsync(() -> h.service.update(row.id(), item -> {
        if (calls.incrementAndGet() == 1) {
          thinker.set(Thread.currentThread());
          thinking.countDown();
          try {
            decided.await(30, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
        return item.withStock(item.stock() + first);
      }), pool);
      try {
        if (!thinking.await(10, TimeUnit.SECONDS)) {
          fail("update(" + row.id() + ", change) did not call its change within 10 s");
        }
        inTime(h, thinker.get(), () -> h.service.update(row.id(), item -> item.withStock(item.stock() + second)),
            "update(" + row.id() + ", stock + " + second + ") while another update's change of the same item was "
                + "still thinking");
      } finally {
        decided.countDown();
      }
      // how the thinking update ends (a retry, a conflict) is RetryTest's: this rule is that the other did not wait
      slow.handle((item, failure) -> item).get(15, TimeUnit.SECONDS);
    }
  }

  /**
   * "No transaction spans attempts": update's first attempt loses to another client's write made from inside its
   * change, and no transaction that was open while the first attempt's change ran is still open while the second's
   * runs (a transaction per attempt is the candidate's choice; one across attempts is not).
   */
  @Test
  void noTransactionSpansTwoAttempts() {
    Random random = Seeds.random("approach.transaction-per-attempt");
    try (Harness h = Harness.start()) {
      Row row = Db.insert(random);
      int delta = 1 + random.nextInt(9);
      List<Map<String, String>> seen = new ArrayList<>();
      try {
        h.service.update(row.id(), item -> {
          seen.add(Db.idleTransactions());
          if (seen.size() == 1) {
            Db.interfere(row.id(), "renamed-" + random.nextInt(1000), 1);
          }
          return item.withStock(item.stock() + delta);
        });
      } catch (RuntimeException e) {
        // how the update ends is the retry category's (RetryTest): this rule is what stays open between attempts
      }
      Precondition.require("retry-with-fresh-read", seen.size() >= 2,
          () -> "update(" + row.id() + ", change) called change " + seen.size() + " time(s) though its first attempt"
              + " lost to another client's write");
      Map<String, String> spanning = new TreeMap<>(seen.get(0));
      spanning.keySet().retainAll(seen.get(1).keySet());
      if (!spanning.isEmpty()) {
        fail("the transaction open while update(" + row.id() + ", change)'s first attempt ran change was still open"
            + " while its second attempt ran change (" + spanning + "). The brief: nothing is locked while change"
            + " runs, and no transaction spans attempts (end each attempt's transaction before the next one reads)");
      }
    }
  }

  /**
   * Fails unless {@code call} ends within {@link #SECOND_WRITER}, at once when it waits for a lock (in the JVM or the
   * database) that {@code paused} holds; how it ends is not this rule's.
   */
  private void inTime(Harness h, Thread paused, Supplier<?> call, String what) throws Exception {
    CompletableFuture<?> future = CompletableFuture.supplyAsync(call, pool);
    List<String> held = LockWaits.awaitUnlessHeld(future, SECOND_WRITER, () -> Hooks.waitingFor(h, paused));
    if (!held.isEmpty()) {
      throw new AssertionError(what + " waited for a lock the first holds (" + String.join("; ", held) + "); "
          + "optimistic writers hold nothing while they think");
    }
    try {
      future.get(10, TimeUnit.MILLISECONDS); // awaited above: not done by now is too late
    } catch (TimeoutException e) {
      throw new AssertionError(what + " got no answer within " + SECOND_WRITER.toSeconds() + " s; optimistic "
          + "writers hold nothing while they think (a synchronized method or a lock per item on this path?)");
    } catch (ExecutionException e) {
      // it ended, and ended at once: what it ended with is tested elsewhere
    }
  }

  private static Response send(Harness h, String path, Row row, int amount) {
    return switch (path) {
      case "PATCH" -> h.patch(row.id(), row.etag(), "{\"stock\":" + (row.stock() + amount) + "}");
      case "DELETE" -> h.delete(row.id(), row.etag());
      case "adjustment" -> h.post("/items/" + row.id() + "/adjustments", "{\"delta\":" + amount + "}");
      case "restock" -> h.post("/items/restock", "{\"ids\":[" + row.id() + "],\"amount\":" + amount + "}");
      default -> throw new IllegalArgumentException(path);
    };
  }

  private static String describe(String path, Row row, int amount) {
    return switch (path) {
      case "PATCH" -> "PATCH /items/" + row.id() + " (If-Match " + row.etag() + ", stock "
          + (row.stock() + amount) + ")";
      case "DELETE" -> "DELETE /items/" + row.id() + " (If-Match " + row.etag() + ")";
      case "adjustment" -> "POST /items/" + row.id() + "/adjustments (delta " + amount + ")";
      default -> "POST /items/restock (ids [" + row.id() + "], amount " + amount + ")";
    };
  }
}
