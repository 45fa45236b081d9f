package com.acme.feed.hidden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import dev.grader.support.Seeds;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Cursors: only one the service issued, unaltered, for the same status filter, is accepted. */
@Tag("validation")
@ExtendWith(Api.StopAtEnd.class)
class CursorTest {

  private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

  @Test
  void malformedCursorsAreRefusedWith400() throws Exception {
    Random random = Seeds.random("malformed");
    Data data = new Data(random);
    Api api = Api.get();
    api.replaceOrders(data.spread(30, i -> data.anyStatus()));
    byte[] noise = new byte[8 + random.nextInt(40)];
    random.nextBytes(noise);
    List<String> cursors = List.of(
        "not-a-cursor",
        "AAAA",
        "!!!",
        "12345",
        Base64.getUrlEncoder().withoutPadding().encodeToString(noise),
        Base64.getEncoder().encodeToString(noise),
        "x".repeat(3000));
    for (String cursor : cursors) {
      Api.Reply r = api.orders(Api.params(null, 5, cursor));
      assertEquals(400, r.status(), () -> "GET /orders with a cursor the service never issued (" + cursor.length()
          + " characters of garbage) answered " + r.status() + "; expected 400");
    }
  }

  @Test
  void alteredCursorsAreRefusedWith400() throws Exception {
    Random random = Seeds.random("altered");
    Data data = new Data(random);
    Api api = Api.get();
    api.replaceOrders(data.spread(60, i -> i % 2 == 0 ? "PAID" : "PENDING"));
    List<String> issued = new ArrayList<>();
    String status = random.nextBoolean() ? null : "PAID";
    Walks.walk(api, status, () -> 7, 60, (page, current) -> issued.add(current.nextCursor()), "walking to get cursors");
    String cursor = issued.get(random.nextInt(issued.size()));
    // Every character changed in turn, to two others (padding aside). Not to a character that differs from it only in
    // the unused low bits of a base64 run's last character: that cursor decodes to the very same bytes.
    String body = cursor.replaceAll("=+$", "");
    for (int i = 0; i < body.length(); i++) {
      char c = body.charAt(i);
      int at = ALPHABET.indexOf(c);
      for (int step : new int[] {1, 1 + random.nextInt(62)}) {
        char other = at < 0 ? (c == 'A' ? 'B' : 'A') : ALPHABET.charAt((at + step) % 64);
        for (int more = step + 1; at >= 0 && sameBytes(body, i, other); more++) {
          other = ALPHABET.charAt((at + more) % 64);
        }
        String altered = cursor.substring(0, i) + other + cursor.substring(i + 1);
        Api.Reply r = api.orders(Api.params(status, 7, altered));
        if (r.status() != 400) {
          fail("a cursor the service issued, with character " + (i + 1) + " of " + cursor.length() + " changed, was"
              + " answered " + r.status() + "; expected 400 (an altered cursor is refused)");
        }
      }
    }
    Api.Reply untouched = api.orders(Api.params(status, 7, cursor));
    assertEquals(200, untouched.status(), "the unaltered cursor answered " + untouched.status());
  }

  @Test
  void truncatedCursorsAreRefusedWith400() throws Exception {
    Random random = Seeds.random("truncated");
    Data data = new Data(random);
    Api api = Api.get();
    api.replaceOrders(data.spread(40, i -> data.anyStatus()));
    List<String> issued = new ArrayList<>();
    Walks.walk(api, null, () -> 6, 40, (page, current) -> issued.add(current.nextCursor()), "walking to get cursors");
    String cursor = issued.get(random.nextInt(issued.size()));
    // Cut short by one character or more, padding aside (dropping base64's '=' padding leaves the same bytes): a cursor
    // the service did not issue, whatever its format.
    String body = cursor.replaceAll("=+$", "");
    List<Integer> cuts = new ArrayList<>(List.of(1, 2, 3, body.length() / 2));
    cuts.add(1 + random.nextInt(body.length() - 1));
    for (int cut : cuts) {
      String truncated = body.substring(0, body.length() - cut);
      Api.Reply r = api.orders(Api.params(null, 6, truncated));
      if (r.status() != 400) {
        fail("a cursor the service issued, cut short by its last " + cut + " of " + body.length() + " characters, was"
            + " answered " + r.status() + "; expected 400 (a truncated cursor is one the service did not issue)");
      }
    }
    assertEquals(200, api.orders(Api.params(null, 6, cursor)).status(), "the whole cursor");
  }

  /** A character's value in base64 (either alphabet), or -1 for a character outside it. */
  private static int value(char c) {
    int at = ALPHABET.indexOf(c);
    return at >= 0 ? at : c == '+' ? 62 : c == '/' ? 63 : -1;
  }

  /**
   * Whether {@code body} with its character {@code i} changed to {@code other} decodes to the same bytes as base64:
   * {@code i} ends a run of base64 characters whose length leaves low bits of its last character unused, and the two
   * characters differ only there.
   */
  static boolean sameBytes(String body, int i, char other) {
    if (i + 1 < body.length() && value(body.charAt(i + 1)) >= 0) {
      return false;
    }
    int start = i;
    while (start > 0 && value(body.charAt(start - 1)) >= 0) {
      start--;
    }
    int unused = switch ((i - start + 1) % 4) {
      case 2 -> 4;
      case 3 -> 2;
      default -> 0;
    };
    int a = value(body.charAt(i));
    int b = value(other);
    return unused > 0 && a >= 0 && b >= 0 && (a >> unused) == (b >> unused);
  }

  @Test
  void aCursorWorksOnlyWithTheFilterItWasIssuedFor() throws Exception {
    Random random = Seeds.random("tied");
    Data data = new Data(random);
    Api api = Api.get();
    api.replaceOrders(data.spread(80, i -> Data.STATUSES.get(i % 4)));
    String paid = api.page("PAID", 5, null, "first page of status=PAID").nextCursor();
    String all = api.page(null, 5, null, "first page without status").nextCursor();
    assertNotNull(paid, "the first of 4 pages of PAID orders had no next_cursor");
    assertNotNull(all, "the first of 16 pages of orders had no next_cursor");
    String other = Data.STATUSES.get(2 + random.nextInt(2));
    record Misuse(String what, String status, String cursor) {}
    for (Misuse m : List.of(
        new Misuse("a cursor of status=PAID with status=" + other, other, paid),
        new Misuse("a cursor of status=PAID without status", null, paid),
        new Misuse("a cursor issued without status with status=PAID", "PAID", all))) {
      Api.Reply r = api.orders(Api.params(m.status(), 5, m.cursor()));
      assertEquals(400, r.status(), () -> m.what() + " answered " + r.status() + "; expected 400 (a cursor is tied"
          + " to the status filter it was issued for)");
    }
    assertEquals(200, api.orders(Api.params("PAID", 5, paid)).status(), "a cursor of status=PAID with status=PAID");
  }
}
