package com.acme.inventory.hidden;

import static com.acme.inventory.hidden.Harness.body;
import static com.acme.inventory.hidden.Harness.etag;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.acme.inventory.VersionConflictException;
import com.acme.inventory.hidden.Db.Row;
import com.acme.inventory.hidden.Harness.Response;
import dev.grader.support.Seeds;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** PUT, PATCH and DELETE only with the current ETag in If-Match; the version moves by exactly one per write. */
@Tag("conditional-writes")
class ConditionalWriteTest {

  @Test
  void aMatchingIfMatchWritesAndBumpsTheVersionByExactlyOne() {
    Random random = Seeds.random("conditional.match");
    try (Harness h = Harness.start()) {
      Row row = Db.insert(random);
      long v = row.version();
      String n1 = "put-" + random.nextInt(10_000);
      int s1 = random.nextInt(300);
      written(h.put(row.id(), etag(v), body(n1, s1)), row.id(), n1, s1, v + 1, "PUT of name and stock");
      String n2 = "patched-" + random.nextInt(10_000);
      written(h.patch(row.id(), etag(v + 1), "{\"name\":" + TestJson.quote(n2) + "}"), row.id(), n2, s1, v + 2,
          "PATCH of the name only");
      int s2 = 300 + random.nextInt(300);
      written(h.patch(row.id(), etag(v + 2), "{\"stock\":" + s2 + "}"), row.id(), n2, s2, v + 3,
          "PATCH of the stock only");
      String n3 = "both-" + random.nextInt(10_000);
      int s3 = random.nextInt(300);
      written(h.patch(row.id(), etag(v + 3), body(n3, s3)), row.id(), n3, s3, v + 4, "PATCH of name and stock");
    }
  }

  private static void written(Response r, long id, String name, int stock, long version, String what) {
    assertEquals(200, r.status(), what + ": " + r.request() + " answered " + r.describe());
    Row after = Db.row(id);
    if (after.version() != version) {
      fail(what + " with If-Match " + etag(version - 1) + " left the row at version " + after.version()
          + "; a successful write must bump the version by exactly one, to " + version);
    }
    assertEquals(name, after.name(), what + ": name stored");
    assertEquals(stock, after.stock(), what + ": stock stored");
    assertEquals(version, r.version(), what + ": the body's version in the answer");
  }

  @Test
  void aStaleIfMatchIsRefusedWith412AndTheRowIsUntouched() {
    Random random = Seeds.random("conditional.stale");
    try (Harness h = Harness.start()) {
      for (int i = 0; i < 3; i++) {
        Row row = Db.insert(random);
        long older = 1 + random.nextInt((int) row.version() - 1);
        long newer = row.version() + 1 + random.nextInt(5);
        expectRefused(h.put(row.id(), etag(older), body("stale-put", row.stock() + 5)), row, 412);
        expectRefused(h.patch(row.id(), etag(older), "{\"stock\":" + (row.stock() + 7) + "}"), row, 412);
        expectRefused(h.put(row.id(), etag(newer), body("future-put", row.stock() + 9)), row, 412);
      }
    }
  }

  @Test
  void writesWithoutIfMatchAreRefusedWith428() {
    Random random = Seeds.random("conditional.missing");
    try (Harness h = Harness.start()) {
      Row row = Db.insert(random);
      expectRefused(h.put(row.id(), null, body("no-if-match", row.stock() + 1)), row, 428);
      expectRefused(h.patch(row.id(), null, "{\"stock\":" + (row.stock() + 2) + "}"), row, 428);
      expectRefused(h.delete(row.id(), null), row, 428);
      expectRefused(h.put(row.id(), "*", body("star", row.stock() + 3)), row, 428);
      expectRefused(h.delete(row.id(), "*"), row, 428);
      // If-Match is checked before the database: no such item, no If-Match is still 428, not 404.
      long missing = row.id() + 1_000_000 + random.nextInt(1_000_000);
      for (Response r : List.of(h.put(missing, null, body("gone", 1)), h.patch(missing, null, "{\"stock\":1}"),
          h.delete(missing, null), h.delete(missing, "*"))) {
        assertEquals(428, r.status(), r.request() + " for an item that does not exist answered " + r.describe()
            + "; check in this order: If-Match (428), the body, then the database (404)");
      }
    }
  }

  /** The detached-copy trap: a client sends back an old copy, version field included. */
  @Test
  void aVersionInTheBodyNeverStandsInForIfMatch() {
    Random random = Seeds.random("conditional.body-version");
    try (Harness h = Harness.start()) {
      Row row = Db.insert(random);
      long stale = row.version() - 1;
      expectRefused(h.put(row.id(), null, body("old-copy", row.stock() + 1, stale)), row, 428);
      expectRefused(h.patch(row.id(), null, "{\"stock\":" + (row.stock() + 2) + ",\"version\":" + stale + "}"), row,
          428);
      expectRefused(h.put(row.id(), null, body("fresh-copy-no-header", row.stock() + 3, row.version())), row, 428);
      expectRefused(h.put(row.id(), row.etag(), body("old-copy-fresh-header", row.stock() + 4, stale)), row, 409);
      // 0 is a version too (no row has it): a body version that differs from If-Match, not a missing one.
      expectRefused(h.put(row.id(), row.etag(), body("zero-version-fresh-header", row.stock() + 5, 0)), row, 409);
      expectRefused(h.patch(row.id(), row.etag(), "{\"stock\":" + (row.stock() + 6) + ",\"version\":0}"), row, 409);
      Response r = h.patch(row.id(), etag(stale), "{\"name\":\"fresh-copy-old-header\",\"version\":" + row.version() + "}");
      assertTrue(r.status() == 409 || r.status() == 412, r.request() + " on a row at version " + row.version()
          + " answered " + r.describe() + "; If-Match is stale, whatever the body says: 409 or 412");
      Db.assertRow(row, "the row after " + r.request());

      // Versions come from the database only: a version in a new item's body is never written.
      long sent = 2 + random.nextInt(1_000_000);
      Response withVersion = h.post("/items", body("new-" + random.nextInt(100_000), random.nextInt(100), sent));
      if (withVersion.status() / 100 == 2) {
        Long created = withVersion.json().get("id") instanceof Long l ? l : null;
        Row stored = created == null ? null : Db.row(created);
        assertTrue(stored != null && stored.version() == 1, withVersion.request() + " answered "
            + withVersion.describe() + " and stored " + (stored == null ? "no row" : stored.describe())
            + "; a version sent by a client is never written: a new row starts at version 1");
        assertEquals(etag(1), withVersion.etag(), withVersion.request() + ": a new item's ETag is \"1\"");
      } else {
        assertTrue(withVersion.status() == 400 || withVersion.status() == 422, withVersion.request()
            + " answered " + withVersion.describe() + "; create it at version 1, or refuse it (400 or 422)");
      }
    }
  }

  /**
   * The brief: row at another version, throw VersionConflictException(id, expectedVersion, currentVersion). Called on
   * the service directly, replace, patch and delete with an older or a newer version say which version was expected
   * and which one the row has.
   */
  @Test
  void aRefusedWriteSaysWhichVersionWasExpectedAndWhichTheRowHas() {
    Random random = Seeds.random("conditional.conflict-fields");
    try (Harness h = Harness.start()) {
      Row row = Db.insert(random);
      long[] wrong = {1 + random.nextInt((int) row.version() - 1), row.version() + 1 + random.nextInt(1000)};
      for (long expected : wrong) {
        Map<String, Runnable> writes = new LinkedHashMap<>();
        writes.put("replace", () -> h.service.replace(row.id(), expected, "stale", 1));
        writes.put("patch", () -> h.service.patch(row.id(), expected, null, 2));
        writes.put("delete", () -> h.service.delete(row.id(), expected));
        for (Map.Entry<String, Runnable> write : writes.entrySet()) {
          String call = write.getKey() + "(" + row.id() + ", " + expected + ", ...) on a row at version "
              + row.version();
          try {
            write.getValue().run();
            fail(call + " returned normally; it must throw VersionConflictException");
          } catch (VersionConflictException e) {
            assertEquals(List.of(row.id(), expected, row.version()),
                List.of(e.id(), e.expectedVersion(), e.currentVersion()),
                call + ": the exception's (id, expectedVersion, currentVersion)");
          } catch (RuntimeException e) {
            fail(call + " threw " + e + "; it must throw VersionConflictException(id, expectedVersion, "
                + "currentVersion)");
          }
          Db.assertRow(row, call);
        }
      }
    }
  }

  @Test
  void aStaleDeleteIsRefusedAndTheRowSurvives() {
    Random random = Seeds.random("conditional.delete");
    try (Harness h = Harness.start()) {
      Row row = Db.insert(random);
      long older = 1 + random.nextInt((int) row.version() - 1);
      Response stale = h.delete(row.id(), etag(older));
      if (Db.row(row.id()) == null) {
        fail(stale.request() + " on a row at version " + row.version() + " deleted it (answer " + stale.describe()
            + "); a DELETE with a stale If-Match must be refused with 412 and the row must survive");
      }
      expectRefused(stale, row, 412);
      Response ok = h.delete(row.id(), row.etag());
      assertEquals(204, ok.status(), ok.request() + " on a row at version " + row.version() + " answered "
          + ok.describe());
      assertNull(Db.row(row.id()), "the row after a successful DELETE");
      assertEquals(404, h.get(row.id()).status(), "GET after DELETE");
    }
  }

  @Test
  void writesToDifferentRowsDoNotConflict() {
    Random random = Seeds.random("conditional.rows");
    try (Harness h = Harness.start()) {
      long v = 2 + random.nextInt(1_000_000_000);
      int stock = random.nextInt(100);
      Row a = Db.insert("row-a-" + random.nextInt(1000), stock, v);
      Row b = Db.insert("row-b-" + random.nextInt(1000), stock, v);
      Response putA = h.put(a.id(), etag(v), body("new-a", stock + 1));
      assertEquals(200, putA.status(), putA.request() + " answered " + putA.describe());
      Db.assertRow(b, "row " + b.id() + " (also at version " + v + ") after a PUT to row " + a.id()
          + "; a write must touch its own row only");
      Response putB = h.put(b.id(), etag(v), body("new-b", stock + 2));
      assertEquals(200, putB.status(), "rows " + a.id() + " and " + b.id() + " were both at version " + v + "; after "
          + "a PUT to row " + a.id() + ", " + putB.request() + " answered " + putB.describe()
          + "; writes to different rows never conflict");
      Db.assertRow(new Row(a.id(), "new-a", stock + 1, v + 1), "row " + a.id() + " after a PUT to row "
          + b.id());
      Response deleteB = h.delete(b.id(), etag(v + 1));
      assertEquals(204, deleteB.status(), deleteB.request() + " answered " + deleteB.describe());
      Db.assertRow(new Row(a.id(), "new-a", stock + 1, v + 1), "row " + a.id()
          + " after deleting row " + b.id());
    }
  }

  private static void expectRefused(Response r, Row before, int status) {
    Row after = Db.row(before.id());
    if (r.status() != status) {
      fail(r.request() + " on a row at version " + before.version() + " answered " + r.describe() + "; expected "
          + status + (after == null || !after.equals(before) ? " and the row untouched, but it is now "
          + (after == null ? "deleted" : after.describe()) : ""));
    }
    if (!before.equals(after)) {
      fail(r.request() + " answered " + status + " but changed the row from " + before.describe() + " to "
          + (after == null ? "deleted" : after.describe()) + "; a refused write must change nothing");
    }
  }
}
