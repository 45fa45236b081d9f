package com.acme.inventory.hidden;

import static com.acme.inventory.hidden.Harness.body;
import static com.acme.inventory.hidden.Harness.etag;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.acme.inventory.InventoryService;
import com.acme.inventory.Item;
import com.acme.inventory.hidden.Db.Row;
import com.acme.inventory.hidden.Harness.Response;
import dev.grader.support.Seeds;
import dev.grader.support.locks.LockWaits;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Optimistic, not pessimistic: no locking reads, no SERIALIZABLE, no JVM-wide lock; nothing held between read and write. */
@Tag("approach")
class ApproachTest {

  /** How long a second writer may take while the first one is paused before its write. */
  private static final Duration SECOND_WRITER = Duration.ofSeconds(8);

  private static final List<Pattern> PESSIMISTIC = List.of(
      Pattern.compile("\\bfor\\s+(no\\s+key\\s+)?update\\b"),
      Pattern.compile("\\bfor\\s+(key\\s+)?share\\b"),
      Pattern.compile("\\bserializable\\b"),
      Pattern.compile("(^|;)\\s*lock\\b"),
      Pattern.compile("\\bpg_(try_)?advisory"));

  private final ExecutorService pool = Hooks.writers();

  @AfterEach
  void stopPool() {
    pool.shutdownNow();
  }

  /**
   * Sends {@code call} while {@code pause} holds the first writer and returns its answer; fails at once, naming the
   * lock, when it waits for a lock (in the JVM or the database) the paused writer holds: that wait cannot end before
   * the writer is let go.
   */
  private Response whilePaused(Harness h, Hooks.Pause pause, Supplier<Response> call, String what, String rule)
      throws Exception {
    CompletableFuture<Response> answer = CompletableFuture.supplyAsync(call, pool);
    List<String> held = LockWaits.awaitUnlessHeld(answer, SECOND_WRITER.plusSeconds(2),
        () -> Hooks.waitingFor(h, pause.paused()));
    if (!held.isEmpty()) {
      fail(what + " waited for a lock the paused writer holds (" + String.join("; ", held) + "); " + rule
          + " (SELECT ... FOR UPDATE? a synchronized method or a lock per item?)");
    }
    return answer.get(SECOND_WRITER.toSeconds() + 5, TimeUnit.SECONDS);
  }

  /**
   * The brief: take connections from the DataSource you are given and do not keep one across calls. After every call
   * of the service, whatever it ended with (a result, 412, not found, a refused argument, retries lost to other
   * writers), every connection it took is closed.
   */
  @Test
  void noConnectionIsKeptOpenAfterACallReturns() {
    Random random = Seeds.random("approach.connections");
    try (Harness h = Harness.start(2)) {
      InventoryService s = h.service;
      Row row = Db.insert(random);
      long missing = row.id() + 1_000_000 + random.nextInt(1000);
      List<String> kept = new ArrayList<>();
      Map<String, Runnable> calls = new LinkedHashMap<>();
      calls.put("find", () -> s.find(row.id()));
      calls.put("find of an unknown id", () -> s.find(missing));
      calls.put("create", () -> s.create("created-" + random.nextInt(1000), 3));
      calls.put("create with a blank name", () -> s.create(" ", 3));
      calls.put("replace", () -> s.replace(row.id(), Db.row(row.id()).version(), "replaced", 5));
      calls.put("replace with a stale version", () -> s.replace(row.id(), row.version() - 1, "stale", 5));
      calls.put("replace of an unknown id", () -> s.replace(missing, 1, "nobody", 5));
      calls.put("patch", () -> s.patch(row.id(), Db.row(row.id()).version(), null, 9));
      calls.put("patch with a stale version", () -> s.patch(row.id(), row.version() - 1, "stale", null));
      calls.put("restock", () -> s.restock(List.of(row.id(), missing), 2));
      calls.put("incrementStock", () -> s.incrementStock(row.id(), 1));
      calls.put("incrementStock below zero", () -> s.incrementStock(row.id(), -1_000_000));
      calls.put("update", () -> s.update(row.id(), i -> new Item(i.id(), i.name() + "!", i.stock(), i.version())));
      calls.put("update that loses every race", () -> {
        h.spy.onWrite(sql -> Db.interfere(row.id(), "rival-" + random.nextInt(1000), 1));
        try {
          s.update(row.id(), i -> new Item(i.id(), i.name(), i.stock() + 1, i.version()));
        } finally {
          h.spy.onWrite(null);
        }
      });
      calls.put("delete with a stale version", () -> s.delete(row.id(), row.version() - 1));
      calls.put("delete", () -> s.delete(row.id(), Db.row(row.id()).version()));
      for (Map.Entry<String, Runnable> call : calls.entrySet()) {
        try {
          call.getValue().run();
        } catch (RuntimeException expectedOrNot) {
          // what the call answers is other tests' business
        }
        int open = h.spy.openConnections();
        if (open > 0) {
          kept.add(call.getKey() + " (" + open + " open)");
        }
      }
      assertEquals(List.of(), kept, "connections the service took from its DataSource and had not closed when these "
          + "calls returned (counted after each call, in order); the brief: take connections from the DataSource you "
          + "are given and do not keep one across calls");
    }
  }

  @Test
  void noLockingReadsNoSerializableIsolationNoTableLocks() {
    Random random = Seeds.random("approach.statements");
    try (Harness h = Harness.start()) {
      Row row = Db.insert(random);
      long v = row.version();
      Response stale = h.put(row.id(), etag(v - 1), body("stale", 1));
      if (stale.status() != 412) {
        fail(stale.request() + " on a row at version " + v + " answered " + stale.describe() + "; the statements "
            + "are only judged for a service that refuses stale writes (412)");
      }
      // a workload over every write path; its answers are judged elsewhere, here only the SQL it causes
      h.spy.clearLog();
      h.post("/items", body("created-" + random.nextInt(1000), 10 + random.nextInt(10)));
      h.get(row.id());
      h.put(row.id(), etag(v), body("workload-put", 50));
      h.patch(row.id(), etag(v + 1), "{\"stock\":60}");
      h.put(row.id(), etag(v), body("stale", 1));
      h.post("/items/" + row.id() + "/adjustments", "{\"delta\":3}");
      h.post("/items/restock", "{\"ids\":[" + row.id() + "],\"amount\":2}");
      int[] calls = {0};
      try {
        h.service.update(row.id(), item -> {
          if (++calls[0] == 1) {
            Db.interfere(row.id(), "meanwhile", 1); // one lost race, so the retry path runs too
          }
          return item.withStock(item.stock() + 1);
        });
      } catch (RuntimeException ignored) {
        // judged by the retry tests
      }
      Row now = Db.row(row.id());
      h.delete(row.id(), now == null ? etag(v) : now.etag());
      List<String> offending = h.spy.statements().stream()
          .filter(sql -> PESSIMISTIC.stream().anyMatch(p -> p.matcher(sql.toLowerCase(Locale.ROOT)).find()))
          .distinct().collect(Collectors.toList());
      if (!offending.isEmpty()) {
        fail("pessimistic locking in the statements sent for a workload of GET, POST, PUT, PATCH, DELETE, an "
            + "adjustment, a restock and update() with one lost race: " + offending + "; this exercise asks for "
            + "optimistic concurrency control (a version check in the write), not row locks (SELECT ... FOR UPDATE / "
            + "FOR SHARE), table or advisory locks, or SERIALIZABLE isolation");
      }
    }
  }

  @Test
  void aWriterPausedBeforeItsWriteDoesNotHoldUpWritersOfOtherRows() throws Exception {
    Random random = Seeds.random("approach.other-rows");
    try (Harness h = Harness.start()) {
      Row a = Db.insert(random);
      Row b = Db.insert(random);
      Hooks.Pause pause = new Hooks.Pause();
      h.spy.onWrite(pause);
      CompletableFuture<Response> first = CompletableFuture.supplyAsync(
          () -> h.put(a.id(), a.etag(), body("first-writer", a.stock() + 1), Duration.ofSeconds(30)), pool);
      try {
        if (!pause.awaitReached(10_000)) {
          fail("PUT /items/" + a.id() + " with its current ETag never sent an UPDATE of table item within 10 s"
              + " (it answered " + (first.isDone() ? first.get().describe() : "nothing yet") + ")");
        }
        Response second = whilePaused(h, pause, () -> h.put(b.id(), b.etag(), body("second-writer", b.stock() + 1),
            SECOND_WRITER), "while a PUT to row " + a.id() + " was paused just before its UPDATE statement, a PUT to "
            + "another row (" + b.id() + ")", "writers of different rows must not wait for each other");
        if (second.status() == -1) {
          fail("while a PUT to row " + a.id() + " was paused just before its UPDATE statement, a PUT to another row ("
              + b.id() + ") got no answer within " + SECOND_WRITER.toSeconds() + " s; writers of different rows must "
              + "not wait for each other (a JVM-wide lock or synchronized method? a single-threaded HTTP executor?)");
        }
        assertEquals(200, second.status(), second.request() + " (while another row's write was paused) answered "
            + second.describe());
      } finally {
        pause.release();
      }
      Response firstAnswer = first.get(15, TimeUnit.SECONDS);
      assertEquals(200, firstAnswer.status(), firstAnswer.request() + " answered " + firstAnswer.describe());
      assertEquals(a.version() + 1, Db.row(a.id()).version(), "version of row " + a.id() + " after its PUT");
      assertEquals(b.version() + 1, Db.row(b.id()).version(), "version of row " + b.id() + " after its PUT");
    }
  }

  @Test
  void aWriterPausedBeforeItsWriteHoldsNoLockOnItsRow() throws Exception {
    Random random = Seeds.random("approach.same-row");
    try (Harness h = Harness.start()) {
      Row row = Db.insert(random);
      Hooks.Pause pause = new Hooks.Pause();
      h.spy.onWrite(pause);
      CompletableFuture<Response> first = CompletableFuture.supplyAsync(
          () -> h.put(row.id(), row.etag(), body("paused-writer", row.stock() + 1), Duration.ofSeconds(30)), pool);
      Response second;
      try {
        if (!pause.awaitReached(10_000)) {
          fail("PUT /items/" + row.id() + " with its current ETag never sent an UPDATE of table item within 10 s"
              + " (it answered " + (first.isDone() ? first.get().describe() : "nothing yet") + ")");
        }
        second = whilePaused(h, pause, () -> h.put(row.id(), row.etag(), body("second-writer", row.stock() + 2),
            SECOND_WRITER), "while a PUT to row " + row.id() + " was paused after its reads, just before its UPDATE "
            + "statement, a second PUT to the same row with the same If-Match", "optimistic writers hold no lock "
            + "between reading and writing");
        if (second.status() == -1) {
          fail("while a PUT to row " + row.id() + " was paused after its reads, just before its UPDATE statement, a "
              + "second PUT to the same row with the same If-Match got no answer within " + SECOND_WRITER.toSeconds()
              + " s; optimistic writers hold no lock between reading and writing (SELECT ... FOR UPDATE? a "
              + "synchronized method or a lock per item? a single-threaded HTTP executor?)");
        }
      } finally {
        pause.release();
      }
      assertEquals(200, second.status(), "a PUT to row " + row.id() + " while another PUT to it was paused before its "
          + "write answered " + second.describe() + "; it came first to the database, so it wins");
      Response firstAnswer = first.get(15, TimeUnit.SECONDS);
      assertEquals(412, firstAnswer.status(), "the paused PUT, resumed after another PUT won, answered "
          + firstAnswer.describe() + "; its If-Match is stale by then: 412");
      Db.assertRow(new Row(row.id(), "second-writer", row.stock() + 2, row.version() + 1),
          "the row after both writers");
    }
  }
}
