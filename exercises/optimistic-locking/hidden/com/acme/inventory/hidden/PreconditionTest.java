package com.acme.inventory.hidden;

import static com.acme.inventory.hidden.Harness.body;
import static com.acme.inventory.hidden.Harness.etag;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.acme.inventory.hidden.Db.Row;
import com.acme.inventory.hidden.Harness.Response;
import dev.grader.support.Seeds;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** If-Match values that are not exactly the current strong ETag, and a body version as a cross-check only. */
@Tag("conditional-writes")
class PreconditionTest {

  @Test
  void anIfMatchThatIsNotExactlyOneStrongTagIsRefusedWith412EvenIfItNamesTheCurrentVersion() {
    Random random = Seeds.random("precondition.not-one-tag");
    try (Harness h = Harness.start()) {
      Row row = Db.insert(random);
      long v = row.version();
      List<String> values = List.of(
          etag(v - 1) + ", " + etag(v),
          etag(v) + ", " + etag(v + 1),
          etag(v) + "," + etag(v),
          Long.toString(v),
          "'" + v + "'",
          "version " + v);
      for (String value : values) {
        refused(h.put(row.id(), value, body("listed-put", row.stock() + 1)), row);
        refused(h.patch(row.id(), value, "{\"stock\":" + (row.stock() + 2) + "}"), row);
        refused(h.delete(row.id(), value), row);
      }
    }
  }

  private static void refused(Response r, Row before) {
    Row after = Db.row(before.id());
    if (r.status() != 412 || !before.equals(after)) {
      fail(r.request() + " on a row at version " + before.version() + " (ETag " + before.etag() + ") answered "
          + r.describe() + " and the row is " + (after == null ? "deleted" : after.describe()) + "; If-Match must be"
          + " exactly the item's current ETag: anything else (a list, garbage, an unquoted version) is 412"
          + " Precondition Failed and nothing changes");
    }
  }

  @Test
  void aBodyVersionEqualToTheIfMatchVersionIsFine() {
    Random random = Seeds.random("precondition.equal-body-version");
    try (Harness h = Harness.start()) {
      Row row = Db.insert(random);
      long v = row.version();
      String name = "sent-back-" + random.nextInt(1000);
      Response put = h.put(row.id(), etag(v), body(name, row.stock() + 1, v));
      assertEquals(200, put.status(), put.request() + " on a row at version " + v + " answered " + put.describe()
          + "; a body version equal to the If-Match version is fine");
      Db.assertRow(new Row(row.id(), name, row.stock() + 1, v + 1), "the row after " + put.request());
      Response patch = h.patch(row.id(), etag(v + 1), "{\"stock\":" + (row.stock() + 5) + ",\"version\":" + (v + 1) + "}");
      assertEquals(200, patch.status(), patch.request() + " on a row at version " + (v + 1) + " answered "
          + patch.describe() + "; a body version equal to the If-Match version is fine");
      Db.assertRow(new Row(row.id(), name, row.stock() + 5, v + 2), "the row after " + patch.request());
    }
  }

  @Test
  void aBodyVersionThatDisagreesWithAFreshIfMatchIs409ForPutAndPatch() {
    Random random = Seeds.random("precondition.patch-body-version");
    try (Harness h = Harness.start()) {
      Row row = Db.insert(random);
      long v = row.version();
      for (long other : new long[] {v - 1, v + 1 + random.nextInt(9)}) {
        Response patch = h.patch(row.id(), row.etag(), "{\"name\":\"old-copy\",\"version\":" + other + "}");
        Response put = h.put(row.id(), row.etag(), body("old-copy", row.stock(), other));
        for (Response r : new Response[] {patch, put}) {
          Row after = Db.row(row.id());
          if (r.status() != 409 || !row.equals(after)) {
            fail(r.request() + " on a row at version " + v + " answered " + r.describe() + " and the row is "
                + (after == null ? "deleted" : after.describe()) + "; a body version that differs from the If-Match"
                + " version is 409 Conflict, and nothing changes");
          }
        }
      }
    }
  }
}
