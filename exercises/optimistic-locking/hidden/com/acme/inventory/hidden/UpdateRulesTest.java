package com.acme.inventory.hidden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.acme.inventory.ConcurrentUpdateException;
import com.acme.inventory.InventoryService;
import com.acme.inventory.Item;
import com.acme.inventory.ItemNotFoundException;
import com.acme.inventory.hidden.Db.Row;
import dev.grader.support.Seeds;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The rest of update()'s contract: maxAttempts >= 1, what of change's result is written, rows that vanish. */
@Tag("retry")
class UpdateRulesTest {

  @Test
  void maxAttemptsIsAtLeastOne() {
    for (int bad : new int[] {0, -1}) {
      try {
        InventoryService s = new InventoryService(Db.raw(), bad);
        fail("new InventoryService(dataSource, " + bad + ") was accepted (maxAttempts() = " + s.maxAttempts()
            + "); maxAttempts >= 1, else IllegalArgumentException");
      } catch (IllegalArgumentException expected) {
        // as the brief says
      }
    }
    assertEquals(InventoryService.DEFAULT_MAX_ATTEMPTS, new InventoryService(Db.raw()).maxAttempts(),
        "maxAttempts() of new InventoryService(dataSource): DEFAULT_MAX_ATTEMPTS (5)");
    int some = 2 + Seeds.random("update.max-attempts").nextInt(20);
    assertEquals(some, new InventoryService(Db.raw(), some).maxAttempts(),
        "maxAttempts() of new InventoryService(dataSource, " + some + ")");
    InventoryService one;
    try {
      one = new InventoryService(Db.raw(), 1);
    } catch (IllegalArgumentException e) {
      throw new AssertionError("new InventoryService(dataSource, 1) was refused with " + e + "; maxAttempts >= 1, so 1"
          + " (a single attempt, no retry) is valid", e);
    }
    assertEquals(1, one.maxAttempts(), "maxAttempts() of new InventoryService(dataSource, 1)");
    Row row = Db.insert(Seeds.random("update.one-attempt"));
    AtomicInteger calls = new AtomicInteger();
    try {
      Item result = one.update(row.id(), item -> {
        Db.interfere(row.id(), "other-writer-" + calls.incrementAndGet(), 1);
        return item.withName("mine");
      });
      fail("with maxAttempts 1, another client wrote during the only attempt, yet update() returned " + result);
    } catch (ConcurrentUpdateException e) {
      assertEquals(1, calls.get(), "calls of change with maxAttempts 1: exactly one attempt");
      assertEquals(1, e.attempts(), "ConcurrentUpdateException.attempts() with maxAttempts 1");
    }
    Db.assertRow(new Row(row.id(), "other-writer-1", row.stock() + 1, row.version() + 1),
        "the row after the only attempt lost (only the other client's change)");
  }

  @Test
  void updateIgnoresTheIdAndVersionOfTheItemChangeReturns() {
    Random random = Seeds.random("update.ignores-id-version");
    try (Harness h = Harness.start()) {
      Row row = Db.insert(random);
      Row other = Db.insert(random);
      String name = "changed-" + random.nextInt(1000);
      int stock = random.nextInt(100);
      Item result;
      try {
        result = h.service.update(row.id(),
            item -> new Item(other.id(), name, stock, item.version() + 7 + random.nextInt(100)));
      } catch (RuntimeException e) {
        throw new AssertionError("update(" + row.id() + ", change) where change returns an item with another id and"
            + " version failed with " + e + "; the id and version of the item change returns are ignored", e);
      }
      Db.assertRow(new Row(row.id(), name, stock, row.version() + 1), "the row after update()");
      Db.assertRow(other, "row " + other.id() + " (whose id the changed item carried)");
      assertEquals(new Item(row.id(), name, stock, row.version() + 1), result, "what update() returned");
    }
  }

  @Test
  void aRowDeletedWhileChangeRunsGivesItemNotFound() {
    Random random = Seeds.random("update.deleted");
    try (Harness h = Harness.start(3 + random.nextInt(3))) {
      Row row = Db.insert(random);
      AtomicInteger calls = new AtomicInteger();
      AtomicReference<Db.Interference> deletion = new AtomicReference<>();
      try {
        Item result = h.service.update(row.id(), item -> {
          if (calls.incrementAndGet() == 1) {
            deletion.set(Db.delete(row.id()));
          }
          return item.withStock(item.stock() + 1);
        });
        Db.blockedByLock(deletion.get(), row.id());
        fail("another client deleted item " + row.id() + " while update()'s change ran, yet update() returned " + result);
      } catch (ItemNotFoundException expected) {
        assertEquals(null, Db.row(row.id()), "the deleted row must stay deleted");
      } catch (RuntimeException e) {
        Db.blockedByLock(deletion.get(), row.id());
        fail("another client deleted item " + row.id() + " while update()'s change ran; update() threw " + e + " after "
            + calls.get() + " call(s) of change; a row that disappears meanwhile is ItemNotFoundException");
      }
    }
  }

  /**
   * The row disappears during the last attempt, after every earlier one lost to another writer: a write that finds
   * no row then is ItemNotFoundException too, not a lost race (there is no attempt left to find out by a new read).
   */
  @Test
  void aRowDeletedDuringTheLastAttemptGivesItemNotFound() {
    Random random = Seeds.random("update.deleted-last");
    int maxAttempts = 1 + random.nextInt(4);
    try (Harness h = Harness.start(maxAttempts)) {
      Row row = Db.insert(random);
      AtomicInteger calls = new AtomicInteger();
      List<Db.Interference> interference = new CopyOnWriteArrayList<>();
      try {
        Item result = h.service.update(row.id(), item -> {
          int n = calls.incrementAndGet();
          if (n < maxAttempts) {
            interference.add(Db.interfere(row.id(), "other-writer-" + n, 1)); // this attempt loses
          } else if (n == maxAttempts) {
            interference.add(Db.delete(row.id())); // the last attempt finds the row gone
          }
          return item.withStock(item.stock() + 1);
        });
        interference.forEach(i -> Db.blockedByLock(i, row.id()));
        fail("another client deleted item " + row.id() + " during the last of " + maxAttempts + " attempts, yet "
            + "update() returned " + result);
      } catch (ItemNotFoundException expected) {
        assertEquals(null, Db.row(row.id()), "the deleted row must stay deleted");
      } catch (RuntimeException e) {
        interference.forEach(i -> Db.blockedByLock(i, row.id()));
        fail("another client changed item " + row.id() + " during each of the first " + (maxAttempts - 1) + " of "
            + maxAttempts + " attempts and deleted it during the last one; update() threw " + e + " after "
            + calls.get() + " call(s) of change. The brief: a row that disappears meanwhile is ItemNotFoundException, "
            + "also when it disappears during the last attempt");
      }
    }
  }

  @Test
  void anInvalidResultIsNotWrittenAndNotRetried() {
    Random random = Seeds.random("update.invalid-result");
    try (Harness h = Harness.start(3 + random.nextInt(3))) {
      Row row = Db.insert(random);
      for (boolean blankName : new boolean[] {true, false}) {
        AtomicInteger calls = new AtomicInteger();
        String what = blankName ? "a blank name" : "a negative stock";
        try {
          Item result = h.service.update(row.id(), item -> {
            calls.incrementAndGet();
            return blankName ? item.withName("  ") : item.withStock(-1 - random.nextInt(9));
          });
          fail("update()'s change returned " + what + ", yet update() returned " + result + " and the row is "
              + Db.row(row.id()).describe() + "; the result is validated: IllegalArgumentException, nothing written");
        } catch (IllegalArgumentException expected) {
          // as the brief says
        } catch (RuntimeException e) {
          fail("update()'s change returned " + what + "; update() threw " + e + "; expected IllegalArgumentException");
        }
        assertEquals(1, calls.get(), "calls of change whose result had " + what + ": a failed validation is not retried");
        Db.assertRow(row, "the row after update()'s change returned " + what);
      }
    }
  }
}
