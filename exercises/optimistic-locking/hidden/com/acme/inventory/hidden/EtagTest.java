package com.acme.inventory.hidden;

import static com.acme.inventory.hidden.Harness.body;
import static com.acme.inventory.hidden.Harness.etag;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.acme.inventory.hidden.Db.Row;
import com.acme.inventory.hidden.Harness.Response;
import dev.grader.support.Seeds;
import dev.grader.support.precondition.Precondition;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** ETags: the row version in quotes, strong, new after every change, compared strongly. */
@Tag("etag")
class EtagTest {

  @Test
  void getAnswersWithTheVersionAsAStrongEtag() {
    Random random = Seeds.random("etag.get");
    try (Harness h = Harness.start()) {
      for (int i = 0; i < 4; i++) {
        Row row = Db.insert(random);
        Response r = h.get(row.id());
        assertEquals(200, r.status(), "GET /items/" + row.id() + " of an existing row answered " + r.describe());
        if (r.etag() == null) {
          fail("GET /items/" + row.id() + " of a row at version " + row.version() + " answered without an ETag header; "
              + "expected ETag: " + row.etag() + " (the row version in quotes)");
        }
        if (r.etag().startsWith("W/")) {
          fail("GET /items/" + row.id() + " answered with the weak ETag " + r.etag() + "; the version identifies the "
              + "representation exactly, so the ETag must be strong: " + row.etag());
        }
        assertEquals(row.etag(), r.etag(), "GET /items/" + row.id() + " of a row at version " + row.version()
            + ": the ETag must be exactly the version in double quotes");
        assertEquals(row.version(), r.version(), "GET /items/" + row.id() + ": the body's \"version\" for a row at "
            + "version " + row.version() + " (body: " + r.body() + ")");
        Response again = h.get(row.id());
        assertEquals(row.etag(), again.etag(), "a second GET of an unchanged row must give the same ETag");
        assertEquals(row.version(), Db.row(row.id()).version(), "reading a row must not change its version");
      }
    }
  }

  @Test
  void createAnswers201WithLocationAndTheFirstEtag() {
    Random random = Seeds.random("etag.create");
    try (Harness h = Harness.start()) {
      String name = "new-" + random.nextInt(100_000);
      int stock = random.nextInt(100);
      Response r = h.post("/items", body(name, stock));
      assertEquals(201, r.status(), r.request() + " answered " + r.describe() + "; a created item is 201");
      Long id = r.json().get("id") instanceof Long l ? l : null;
      if (id == null || Db.row(id) == null) {
        fail(r.request() + " answered " + r.describe() + "; expected the stored item with its id");
      }
      Db.assertRow(new Row(id, name, stock, 1), "the created row: a new row starts at version 1");
      assertEquals(etag(1), r.etag(), r.request() + ": every answer that carries an item sends its ETag; a new item's"
          + " is \"1\"");
      assertEquals("/items/" + id, r.location(), r.request() + ": Location of the new item");
    }
  }

  @Test
  void writesAnswerWithTheNewEtag() {
    Random random = Seeds.random("etag.writes");
    try (Harness h = Harness.start()) {
      // A row at a small version, and one beyond an int: version is a BIGINT.
      for (Row row : List.of(Db.insert(random), Db.insert("big-" + random.nextInt(1000), random.nextInt(500),
          Integer.MAX_VALUE + 1L + random.nextInt(1_000_000_000)))) {
        writeThreeTimes(h, random, row);
      }
    }
  }

  private static void writeThreeTimes(Harness h, Random random, Row row) {
    long v = row.version();
    Response put = h.put(row.id(), etag(v), body("renamed-" + random.nextInt(1000), random.nextInt(100)));
    expectNewEtag("PUT", put, v + 1);
    Response patch = h.patch(row.id(), etag(v + 1), "{\"stock\":" + random.nextInt(100) + "}");
    expectNewEtag("PATCH", patch, v + 2);
    Response adjust = h.post("/items/" + row.id() + "/adjustments", "{\"delta\":" + (1 + random.nextInt(9)) + "}");
    expectNewEtag("POST /items/{id}/adjustments", adjust, v + 3);
    Response get = h.get(row.id());
    assertEquals(etag(v + 3), get.etag(), "GET after three writes to a row that was at version " + v);
  }

  private static void expectNewEtag(String what, Response r, long newVersion) {
    assertEquals(200, r.status(), r.request() + " answered " + r.describe());
    assertEquals(etag(newVersion), r.etag(), what + " that moved the row to version " + newVersion
        + " must answer with the new ETag (" + r.request() + " answered " + r.describe() + ")");
    assertEquals(newVersion, r.version(), what + ": the body's version after the write");
  }

  @Test
  void aBulkRestockGivesEveryRowItTouchesANewEtag() {
    Random random = Seeds.random("etag.restock");
    try (Harness h = Harness.start()) {
      Row a = Db.insert(random);
      Row b = Db.insert(random);
      String oldEtag = h.get(a.id()).etag();
      int amount = 1 + random.nextInt(50);
      long unknown = Math.max(a.id(), b.id()) + 1_000_000 + random.nextInt(1_000_000);
      Response restock = h.post("/items/restock", "{\"ids\":[" + a.id() + "," + unknown + "," + b.id() + "],\"amount\":"
          + amount + "}");
      assertEquals(200, restock.status(), restock.request() + " answered " + restock.describe());
      assertEquals(2L, restock.json().get("updated"), restock.request() + " answered " + restock.describe() + "; the"
          + " answer is {\"updated\": k}, k the rows changed (2: unknown id " + unknown + " is ignored)");
      for (Row before : new Row[] {a, b}) {
        Row after = Db.row(before.id());
        assertEquals(before.stock() + amount, after.stock(), "stock after restocking " + amount);
        assertEquals(before.version() + 1, after.version(), "a restock of " + amount + " changed row " + before.id()
            + " from " + before.describe() + " to " + after.describe() + ": every change must bump the version by "
            + "one, or clients holding the old ETag overwrite the restock");
      }
      Response get = h.get(a.id());
      assertEquals(etag(a.version() + 1), get.etag(), "GET after the restock: the ETag must have changed");
      Response stale = h.put(a.id(), oldEtag, body(a.name(), 0));
      String staleWrite = "a PUT with If-Match " + oldEtag + " (the ETag from before the restock) answered "
          + stale.describe() + "; it must be refused with 412, or it silently undoes the restock";
      // Accepted: the service compares no version at all, a rule of conditional writes whose own tests then fail.
      Precondition.require("stale-if-match-412", stale.status() / 100 != 2, () -> staleWrite);
      assertEquals(412, stale.status(), staleWrite);
    }
  }

  @Test
  void ifMatchComparesStrongly() {
    Random random = Seeds.random("etag.strong");
    try (Harness h = Harness.start()) {
      Row row = Db.insert(random);
      Response stale = h.put(row.id(), etag(row.version() + 7), body("stale", row.stock() + 1));
      String staleWrite = "PUT with If-Match: " + etag(row.version() + 7) + " (a version the row never had) answered "
          + stale.describe() + ", not 412";
      // Accepted: the service compares no version at all, so a weak tag's comparison cannot be told apart.
      Precondition.require("stale-if-match-412", stale.status() / 100 != 2, () -> staleWrite);
      assertEquals(412, stale.status(), staleWrite);
      String weak = "W/" + row.etag();
      Response r = h.put(row.id(), weak, body("weakly-matched", row.stock() + 1));
      assertEquals(412, r.status(), "PUT with If-Match: " + weak + " on a row at version " + row.version()
          + " answered " + r.describe() + "; If-Match uses strong comparison, so a weak tag never matches: 412");
      Db.assertRow(row, "the row after a refused PUT");
      Response ok = h.put(row.id(), row.etag(), body("strongly-matched", row.stock() + 1));
      assertEquals(200, ok.status(), "PUT with If-Match: " + row.etag() + " on a row at version " + row.version()
          + " answered " + ok.describe());
    }
  }
}
