package com.acme.inventory.hidden;

import static com.acme.inventory.hidden.Harness.body;
import static com.acme.inventory.hidden.Harness.etag;
import static org.junit.jupiter.api.Assertions.fail;

import com.acme.inventory.InventoryService;
import com.acme.inventory.hidden.Db.Row;
import com.acme.inventory.hidden.Harness.Response;
import dev.grader.support.Seeds;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Validation (400, 422, IllegalArgumentException), 404 and 405, and the order of the checks; nothing written. */
@Tag("conditional-writes")
class RequestValidationTest {

  @Test
  void invalidBodiesAre400Or422AndChangeNothing() {
    Random random = Seeds.random("validation.http");
    try (Harness h = Harness.start()) {
      Row row = Db.insert(random);
      String tag = row.etag();
      expect(h.put(row.id(), tag, "this is not JSON"), row, 400, "a body that is not JSON");
      expect(h.patch(row.id(), tag, "{\"name\":"), row, 400, "a body that is not JSON");
      expect(h.put(row.id(), tag, body("   ", 3)), row, 422, "a blank name");
      expect(h.put(row.id(), tag, body("ok-name", -1)), row, 422, "a negative stock");
      expect(h.put(row.id(), tag, "{\"name\":\"ok-name\"}"), row, 422, "a missing stock");
      expect(h.put(row.id(), tag, "{\"name\":\"ok-name\",\"stock\":\"12\"}"), row, 422, "a non-numeric stock");
      expect(h.patch(row.id(), tag, "{\"name\":\" \"}"), row, 422, "a blank name");
      expect(h.patch(row.id(), tag, "{\"stock\":-" + (1 + random.nextInt(9)) + "}"), row, 422, "a negative stock");
      expect(h.patch(row.id(), tag, "{\"name\":\"ok-name\",\"stock\":-" + (1 + random.nextInt(9)) + "}"), row, 422,
          "a valid name with a negative stock");
      expect(h.patch(row.id(), tag, "{\"name\":\"\",\"stock\":" + random.nextInt(100) + "}"), row, 422,
          "a blank name with a valid stock");
      expect(h.post("/items/" + row.id() + "/adjustments", "{\"delta\":-" + (row.stock() + 1) + "}"), row, 422,
          "an adjustment that would take the stock below 0");
      expect(h.post("/items/" + row.id() + "/adjustments", "{\"delta\":\"3\"}"), row, 422, "a non-numeric delta");
      expect(h.post("/items/restock", "{\"ids\":[" + row.id() + "],\"amount\":0}"), row, 422,
          "a restock amount that is not greater than 0");
    }
  }

  @Test
  void checksRunInOrderIfMatchThenBodyThenDatabase() {
    Random random = Seeds.random("validation.order");
    try (Harness h = Harness.start()) {
      Row row = Db.insert(random);
      long stale = row.version() - 1;
      expect(h.put(row.id(), null, "not JSON"), row, 428, "no If-Match (checked first) and a body that is not JSON");
      expect(h.patch(row.id(), null, "{\"stock\":-5}"), row, 428, "no If-Match (checked first) and a negative stock");
      expect(h.put(row.id(), etag(stale), "not JSON"), row, 400,
          "a stale If-Match (the database is checked last) and a body that is not JSON");
      expect(h.put(row.id(), etag(stale), body(" ", 4)), row, 422,
          "a stale If-Match (the database is checked last) and a blank name");
      long missing = row.id() + 1_000_000 + random.nextInt(1_000_000);
      Response r = h.put(missing, etag(1), body("", 1));
      if (r.status() != 422) {
        fail(r.request() + " answered " + r.describe() + "; no such item and a blank name: the body (422) is checked"
            + " before the database (404)");
      }
    }
  }

  @Test
  void unknownItemsPathsAndMethods() {
    Random random = Seeds.random("validation.404-405");
    try (Harness h = Harness.start()) {
      Row row = Db.insert(random);
      long missing = row.id() + 1_000_000 + random.nextInt(1_000_000);
      status(h.get(missing), 404, "no such item");
      status(h.put(missing, etag(1), body("x", 1)), 404, "no such item");
      status(h.patch(missing, etag(1), "{\"stock\":1}"), 404, "no such item");
      status(h.delete(missing, etag(1)), 404, "no such item");
      status(h.post("/items/" + missing + "/adjustments", "{\"delta\":1}"), 404, "no such item");
      status(h.post("/items/" + row.id(), "{\"name\":\"x\",\"stock\":1}"), 405, "a wrong method");
      Db.assertRow(row, "the row after a POST to /items/" + row.id());
      status(h.send("PUT", "/items", body("created-by-put", 1)), 405, "a wrong method (only POST creates)");
      status(h.send("PUT", "/items/restock", "{\"ids\":[" + row.id() + "],\"amount\":5}"), 405,
          "a wrong method (only POST restocks)");
      Db.assertRow(row, "the row after a PUT to /items/restock");
      status(h.send("PUT", "/items/" + row.id() + "/adjustments", "{\"delta\":5}"), 405,
          "a wrong method (only POST adjusts)");
      Db.assertRow(row, "the row after a PUT to /items/" + row.id() + "/adjustments");
    }
  }

  @Test
  void theLargestStockTheColumnHoldsIsValid() {
    Random random = Seeds.random("validation.largest-stock");
    try (Harness h = Harness.start()) {
      Row row = Db.insert(random);
      String name = "full-" + random.nextInt(1000);
      Response r = h.put(row.id(), row.etag(), body(name, Integer.MAX_VALUE));
      Row after = Db.row(row.id());
      Row expected = new Row(row.id(), name, Integer.MAX_VALUE, row.version() + 1);
      if (r.status() != 200 || !expected.equals(after)) {
        fail(r.request() + " on a row at version " + row.version() + " answered " + r.describe() + " and the row is "
            + (after == null ? "deleted" : after.describe()) + "; a stock must only not be negative: "
            + Integer.MAX_VALUE + " (the largest the INTEGER column holds) is valid and written, " + expected.describe());
      }
    }
  }

  @Test
  void theServiceRejectsInvalidValuesAndWritesNothing() {
    Random random = Seeds.random("validation.service");
    try (Harness h = Harness.start()) {
      InventoryService s = h.service;
      Row row = Db.insert(random);
      long v = row.version();
      long id = row.id();
      List<Case> cases = List.of(
          new Case("create(\"   \", 1)", () -> s.create("   ", 1)),
          new Case("create(null, 1)", () -> s.create(null, 1)),
          new Case("create(\"ok\", -1)", () -> s.create("ok", -1)),
          new Case("replace(id, current version, \"\\t\", 1)", () -> s.replace(id, v, "\t", 1)),
          new Case("replace(id, current version, \"ok\", -3)", () -> s.replace(id, v, "ok", -3)),
          new Case("patch(id, current version, null, null)", () -> s.patch(id, v, null, null)),
          new Case("patch(id, current version, \" \", null)", () -> s.patch(id, v, " ", null)),
          new Case("patch(id, current version, null, -1)", () -> s.patch(id, v, null, -1)),
          new Case("patch(id, current version, \"ok\", -2)", () -> s.patch(id, v, "ok", -2)),
          new Case("patch(id, current version, \"\", 5)", () -> s.patch(id, v, "", 5)),
          new Case("restock([id], 0)", () -> s.restock(List.of(id), 0)),
          new Case("restock([id], -4)", () -> s.restock(List.of(id), -4)));
      for (Case c : cases) {
        Object outcome;
        try {
          outcome = c.call().get();
        } catch (IllegalArgumentException expected) {
          outcome = null;
        } catch (RuntimeException e) {
          outcome = e;
        }
        if (outcome != null) {
          fail(c.text() + " on a row at version " + v + " gave " + outcome + "; a name must not be null or blank, a"
              + " stock must not be negative, patch needs a field, restock an amount > 0: IllegalArgumentException"
              + " and nothing is written");
        }
        Db.assertRow(row, "the row after " + c.text());
      }
    }
  }

  private record Case(String text, Supplier<Object> call) {}

  private static void status(Response r, int expected, String what) {
    if (r.status() != expected) {
      fail(r.request() + " answered " + r.describe() + "; " + what + " is " + expected);
    }
    String type = r.contentType() == null ? "" : r.contentType().toLowerCase(Locale.ROOT);
    if (!type.startsWith("application/json") || !(r.json().get("error") instanceof String error) || error.isBlank()) {
      fail(r.request() + " answered " + r.describe() + " with Content-Type " + r.contentType() + "; bodies are JSON"
          + " (Content-Type: application/json) and errors are {\"error\":\"...\"}");
    }
  }

  private static void expect(Response r, Row before, int status, String what) {
    Row after = Db.row(before.id());
    if (r.status() != status || !before.equals(after)) {
      fail(r.request() + " on a row at version " + before.version() + " answered " + r.describe() + " and the row is "
          + (after == null ? "deleted" : after.describe()) + "; " + what + " is " + status + " and nothing changes"
          + " (checked in this order: If-Match 428, the body 400/409/422, then the database 404/412)");
    }
  }
}
