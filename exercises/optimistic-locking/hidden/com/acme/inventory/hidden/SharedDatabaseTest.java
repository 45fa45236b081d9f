package com.acme.inventory.hidden;

import static com.acme.inventory.hidden.Harness.body;
import static com.acme.inventory.hidden.Harness.etag;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.acme.inventory.hidden.Db.Interference;
import com.acme.inventory.hidden.Db.Row;
import com.acme.inventory.hidden.Harness.Response;
import dev.grader.support.Seeds;
import dev.grader.support.precondition.Precondition;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The database is the only truth: two service instances on one database, another client's write landing just
 * after the service's own, and a restock racing with another writer.
 */
@Tag("concurrency")
class SharedDatabaseTest {

  @Test
  void twoInstancesOnOneDatabaseSeeEachOthersWrites() {
    Random random = Seeds.random("shared.two-instances");
    try (Harness a = Harness.start(); Harness b = Harness.start()) {
      Row row = Db.insert(random);
      long v = row.version();
      Response readA = a.get(row.id());
      Precondition.require("etag-is-quoted-version", row.etag().equals(readA.etag()),
          () -> "instance A: GET of a row at version " + v + " answered ETag " + readA.etag() + ", not " + row.etag());
      Response putB = b.put(row.id(), etag(v), body("written-by-b", row.stock() + 1));
      assertEquals(200, putB.status(), "instance B: " + putB.request() + " answered " + putB.describe());
      Response again = a.get(row.id());
      if (!etag(v + 1).equals(again.etag()) || !"written-by-b".equals(again.json().get("name"))) {
        fail("instance A answered GET with " + again.describe() + " after instance B moved the row to version " + (v + 1)
            + "; the database is the only truth: no items or versions kept in memory between calls");
      }
      Response stale = a.put(row.id(), etag(v), body("written-by-a", row.stock() + 2));
      // A service that never refuses a stale If-Match breaks a rule of conditional writes, whose own tests then fail;
      // one that refuses it on one instance but not here keeps versions in memory, and this test counts as failed.
      String staleWrite = "instance A accepted or mishandled " + stale.request() + " (answer " + stale.describe()
          + ") after instance B moved the row to version " + (v + 1) + "; the row is now " + Db.row(row.id()).describe()
          + "; a stale If-Match is 412 whichever instance wrote last";
      Precondition.require("stale-if-match-412", stale.status() / 100 != 2, () -> staleWrite);
      assertEquals(412, stale.status(), staleWrite);
      Interference direct = Db.interfere(row.id(), "written-directly", 3);
      assertEquals(Interference.COMMITTED, direct, "the test's own write");
      Response adjusted = a.post("/items/" + row.id() + "/adjustments", "{\"delta\":1}");
      assertEquals(200, adjusted.status(), adjusted.request() + " answered " + adjusted.describe());
      Db.assertRow(new Row(row.id(), "written-directly", row.stock() + 1 + 3 + 1, v + 3),
          "the row after B's PUT, another client's direct write and A's adjustment");
    }
  }

  @Test
  void aWriteLandingJustAfterTheServicesOwnIsNotReportedAsItsOwn() {
    Random random = Seeds.random("shared.just-after");
    try (Harness h = Harness.start()) {
      for (String method : List.of("PUT", "PATCH")) {
        Row row = Db.insert(random);
        long v = row.version();
        String mine = "mine-" + random.nextInt(1000);
        String theirs = "theirs-" + random.nextInt(1000);
        Hooks.AfterFirstWrite after = new Hooks.AfterFirstWrite(() -> Db.interfere(row.id(), theirs, 50));
        h.spy.onWrite(after);
        Response r = method.equals("PUT")
            ? h.put(row.id(), etag(v), body(mine, row.stock() + 1))
            : h.patch(row.id(), etag(v), body(mine, row.stock() + 1));
        h.spy.onWrite(null);
        assertEquals(200, r.status(), r.request() + " answered " + r.describe());
        if (after.result() != Interference.COMMITTED) {
          continue; // the service's write was still uncommitted (a transaction): no one could write just after it
        }
        String got = r.etag();
        Precondition.require(List.of("etag-is-quoted-version", "etag-after-write"),
            etag(v + 1).equals(got) || etag(v + 2).equals(got), () -> r.request() + " moved the row to version "
                + (v + 1) + " and answered with ETag " + got + ": neither this write's \"" + (v + 1)
                + "\" nor the later one's");
        if (!etag(v + 1).equals(r.etag()) || !mine.equals(r.json().get("name")) || !Long.valueOf(v + 1).equals(r.version())) {
          fail(r.request() + " moved the row to version " + (v + 1) + "; another client committed version " + (v + 2)
              + " (name '" + theirs + "') just after it, and the answer was " + r.describe() + "; the answer carries"
              + " the item as stored by this write and its ETag \"" + (v + 1) + "\" (with ETag \"" + (v + 2) + "\" the"
              + " client would overwrite a change it never saw)");
        }
      }
    }
  }

  @Test
  void aRestockRacingWithAnotherWriterLosesNothing() {
    Random random = Seeds.random("shared.restock-race");
    try (Harness h = Harness.start()) {
      Row a = Db.insert(random);
      Row b = Db.insert(random);
      int theirDelta = 100 + random.nextInt(100);
      int amount = 1 + random.nextInt(50);
      Hooks.Interloper interloper = new Hooks.Interloper(() -> Db.interfere(a.id(), "other-writer", theirDelta), false);
      h.spy.onWrite(interloper);
      Response r = h.post("/items/restock", "{\"ids\":[" + a.id() + "," + b.id() + "],\"amount\":" + amount + "}");
      h.spy.onWrite(null);
      assertEquals(200, r.status(), r.request() + " answered " + r.describe());
      Db.blockedByLock(interloper.last(), a.id(), "just before the restock's write");
      Row after = Db.row(a.id());
      if (after.stock() != a.stock() + theirDelta + amount || after.version() != a.version() + 2) {
        fail("another client added " + theirDelta + " to item " + a.id() + " (" + a.describe() + ") just before a"
            + " restock of " + amount + " was written; the row is now " + after.describe() + ", expected stock "
            + (a.stock() + theirDelta + amount) + " at version " + (a.version() + 2) + ": a restock adds in one"
            + " statement and bumps the version, whatever the current stock is");
      }
      Db.assertRow(new Row(b.id(), b.name(), b.stock() + amount, b.version() + 1), "the other restocked row");
    }
  }
}
