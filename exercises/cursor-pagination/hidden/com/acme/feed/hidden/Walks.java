package com.acme.feed.hidden;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntSupplier;

/** Following next_cursor from the first page to the last, and saying how a walk differs from the expected one. */
final class Walks {

  private Walks() {}

  /** Called after each page of a walk (pages counted from 1), before the next page is asked for. */
  interface AfterPage {
    void after(int page, Api.Page current) throws Exception;
  }

  record Walk(List<Long> ids, List<Api.Page> pages) {}

  static Walk walk(Api api, String status, IntSupplier limit, int expectedAtMost, AfterPage afterPage, String what)
      throws Exception {
    List<Long> ids = new ArrayList<>();
    List<Api.Page> pages = new ArrayList<>();
    String cursor = null;
    do {
      int n = limit.getAsInt();
      Api.Page page = api.page(status, n, cursor, what + ", page " + (pages.size() + 1) + " (limit " + n + ")");
      if (page.ids().size() > n) {
        fail(what + ": page " + (pages.size() + 1) + " holds " + page.ids().size() + " orders; limit was " + n);
      }
      pages.add(page);
      ids.addAll(page.ids());
      cursor = page.nextCursor();
      if (afterPage != null && cursor != null) {
        afterPage.after(pages.size(), page);
      }
      if (pages.size() > expectedAtMost + 3) {
        fail(what + ": the walk did not end after " + pages.size() + " pages (expected at most " + expectedAtMost
            + "); next_cursor must be null on the last page");
      }
    } while (cursor != null);
    return new Walk(ids, pages);
  }

  /** Null when {@code actual} equals {@code expected}; else what differs, without the data itself. */
  static String difference(List<Long> expected, List<Long> actual) {
    if (expected.equals(actual)) {
      return null;
    }
    Set<Long> wanted = new HashSet<>(expected);
    Map<Long, Integer> seen = new HashMap<>();
    actual.forEach(id -> seen.merge(id, 1, Integer::sum));
    long skipped = expected.stream().filter(id -> !seen.containsKey(id)).count();
    long repeated = seen.values().stream().filter(c -> c > 1).count();
    long foreign = seen.keySet().stream().filter(id -> !wanted.contains(id)).count();
    int position = 0;
    while (position < Math.min(expected.size(), actual.size()) && expected.get(position).equals(actual.get(position))) {
      position++;
    }
    StringBuilder s = new StringBuilder("expected " + expected.size() + " orders, the walk listed " + actual.size()
        + ": " + skipped + " skipped, " + repeated + " listed more than once");
    if (foreign > 0) {
      s.append(", ").append(foreign).append(" that should not be listed");
    }
    if (skipped == 0 && repeated == 0 && foreign == 0) {
      s.append(", but not newest first with ties by id descending");
    }
    return s.append("; the first difference is at position ").append(position + 1).toString();
  }
}
