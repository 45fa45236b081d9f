package com.acme.inventory.hidden;

import static com.acme.inventory.hidden.Db.blockedByLock;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.acme.inventory.ConcurrentUpdateException;
import com.acme.inventory.Item;
import com.acme.inventory.hidden.Db.Interference;
import com.acme.inventory.hidden.Db.Row;
import com.acme.inventory.hidden.Harness.Response;
import dev.grader.support.Seeds;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code update(id, change)}: read, apply, write if the version is unchanged, else start over with a fresh read, at
 * most maxAttempts times. The change function runs after each read and before the write, so the tests make another
 * client commit a change from inside it: a conflict on exactly the attempts they choose.
 */
@Tag("retry")
class RetryTest {

  @Test
  void updateStartsOverWithAFreshReadAfterLosingTheRace() {
    Random random = Seeds.random("retry.fresh-read");
    int maxAttempts = 3 + random.nextInt(4);
    try (Harness h = Harness.start(maxAttempts)) {
      Row row = Db.insert(random);
      String theirs = "renamed-meanwhile-" + random.nextInt(10_000);
      int theirDelta = 100 + random.nextInt(100);
      int myDelta = 1 + random.nextInt(9);
      List<Item> seen = new ArrayList<>();
      Interference[] interference = new Interference[1];
      Item result;
      try {
        result = h.service.update(row.id(), item -> {
          seen.add(item);
          if (seen.size() == 1) {
            interference[0] = Db.interfere(row.id(), theirs, theirDelta);
          }
          return item.withStock(item.stock() + myDelta);
        });
      } catch (ConcurrentUpdateException e) {
        fail("update(" + row.id() + ", change) with maxAttempts " + maxAttempts + " lost the race once (another "
            + "client committed a change while the first attempt's change function ran) and then gave up after "
            + seen.size() + " call(s) of the change function: " + e + "; the second attempt must read the row again "
            + "and succeed (no transaction or snapshot may span attempts)");
        return;
      } catch (RuntimeException e) {
        throw new AssertionError("update(" + row.id() + ", change) lost the race once and then failed with " + e
            + " after " + seen.size() + " call(s) of the change function; it must retry with a fresh read and succeed",
            e);
      }
      blockedByLock(interference[0], row.id());
      Row after = Db.row(row.id());
      Row expected = new Row(row.id(), theirs, row.stock() + theirDelta + myDelta, row.version() + 2);
      if (seen.size() == 1) {
        fail("update(" + row.id() + ", change): another client committed " + new Row(row.id(), theirs,
            row.stock() + theirDelta, row.version() + 1).describe() + " while the change function ran, yet update() "
            + "wrote after a single attempt, and the row is now " + after.describe() + "; the write must be refused "
            + "(the version moved on) and the change applied again to a fresh read, giving " + expected.describe());
      }
      assertEquals(2, seen.size(), "calls of the change function: one lost race, then one successful attempt");
      Item second = seen.get(1);
      assertEquals(row.version() + 1, second.version(), "the second attempt must read the row afresh: version");
      assertEquals(theirs, second.name(), "the second attempt must read the row afresh: name");
      Db.assertRow(expected, "the row after update()");
      assertEquals(new Item(expected.id(), expected.name(), expected.stock(), expected.version()), result,
          "what update() returned");
    }
  }

  @Test
  void updateGivesUpAfterExactlyMaxAttempts() {
    Random random = Seeds.random("retry.give-up");
    int maxAttempts = 2 + random.nextInt(5);
    try (Harness h = Harness.start(maxAttempts)) {
      Row row = Db.insert(random);
      AtomicInteger calls = new AtomicInteger();
      Interference[] interference = new Interference[1];
      try {
        Item result = h.service.update(row.id(), item -> {
          int n = calls.incrementAndGet();
          if (n <= maxAttempts + 5) { // the other writer always wins (bounded, in case update() never gives up)
            interference[0] = Db.interfere(row.id(), "other-writer-" + n, 1);
          }
          return item.withName("mine");
        });
        blockedByLock(interference[0], row.id());
        fail("update(" + row.id() + ", change) with maxAttempts " + maxAttempts + ": another client committed a change "
            + "during every attempt, yet update() returned " + result + " after " + calls.get() + " call(s) of the "
            + "change function and the row is " + Db.row(row.id()).describe() + "; every attempt must lose, and after "
            + maxAttempts + " attempts update() must throw ConcurrentUpdateException");
      } catch (ConcurrentUpdateException e) {
        blockedByLock(interference[0], row.id());
        if (calls.get() != maxAttempts) {
          fail("update(" + row.id() + ", change) with maxAttempts " + maxAttempts + " lost every attempt and gave up "
              + "after " + calls.get() + " call(s) of the change function; it must make exactly " + maxAttempts
              + " attempts");
        }
        assertEquals(maxAttempts, e.attempts(), "ConcurrentUpdateException.attempts()");
      }
      Db.assertRow(new Row(row.id(), "other-writer-" + maxAttempts, row.stock() + maxAttempts,
          row.version() + maxAttempts), "after " + maxAttempts + " lost attempts the row must hold only the "
          + "other client's changes");
    }
  }

  @Test
  void aChangeThatThrowsIsNotRetried() {
    Random random = Seeds.random("retry.change-throws");
    try (Harness h = Harness.start(3 + random.nextInt(4))) {
      Row row = Db.insert(random);
      AtomicInteger calls = new AtomicInteger();
      IllegalStateException refusal = new IllegalStateException("cannot reserve " + random.nextInt(100) + " more");
      try {
        h.service.update(row.id(), item -> {
          calls.incrementAndGet();
          throw refusal;
        });
        fail("update() returned normally although the change function threw " + refusal);
      } catch (IllegalStateException e) {
        if (e != refusal) {
          fail("the change function threw " + refusal + "; update() must let that exception through unchanged, "
              + "but threw " + e);
        }
      } catch (RuntimeException e) {
        fail("the change function threw " + refusal + " on its first call; update() threw " + e + " after " + calls.get()
            + " call(s); an exception from the change function is not a conflict: let it through, do not retry");
      }
      assertEquals(1, calls.get(), "calls of a change function that threw: it must not be retried");
      Db.assertRow(row, "the row after a change function threw");
    }
  }

  @Test
  void adjustmentsThatKeepLosingGet409() {
    Random random = Seeds.random("retry.http-409");
    int maxAttempts = 2 + random.nextInt(3);
    try (Harness h = Harness.start(maxAttempts)) {
      Row row = Db.insert(random);
      int delta = 10 + random.nextInt(10);
      AtomicInteger n = new AtomicInteger();
      Hooks.Interloper interloper =
          new Hooks.Interloper(() -> Db.interfere(row.id(), "other-" + n.incrementAndGet(), 1), true);
      h.spy.onWrite(interloper);
      Response r = h.post("/items/" + row.id() + "/adjustments", "{\"delta\":" + delta + "}");
      h.spy.onWrite(null);
      blockedByLock(interloper.last(), row.id(), "just before the service's write statement");
      Row after = Db.row(row.id());
      if (r.status() != 409) {
        fail(r.request() + " with maxAttempts " + maxAttempts + ": another client changed the row just before every "
            + "one of the service's writes, and the request answered " + r.describe() + " (row now "
            + after.describe() + "); after " + maxAttempts + " lost attempts it must answer 409 Conflict, never 500");
      }
      assertEquals(row.stock() + interloper.runs(), after.stock(), "stock after a refused adjustment (only the other "
          + "client's " + interloper.runs() + " increments of 1)");
      Response ok = h.post("/items/" + row.id() + "/adjustments", "{\"delta\":" + delta + "}");
      assertEquals(200, ok.status(), "the same adjustment without competition answered " + ok.describe());
      assertEquals(after.stock() + delta, Db.row(row.id()).stock(), "stock after a successful adjustment of " + delta);
    }
  }
}
