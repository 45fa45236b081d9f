package com.acme.orders.hidden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.acme.orders.view.CustomerView;
import com.acme.orders.view.LineView;
import com.acme.orders.view.OrderSummary;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The results are what the slow version returned: every order once, with everything the screen shows, in order. */
@Tag("results")
class ResultsTest {

  private static OrdersFixture fixture;

  @BeforeAll
  static void data() {
    fixture = OrdersFixture.shared();
  }

  @Test
  void everyPageMatchesTheGroundTruth() {
    int size = 100;
    int pages = (fixture.expected.size() + size - 1) / size;
    for (int page = 0; page <= pages; page++) {
      List<OrderSummary> actual = fixture.history.page(page, size);
      assertNull(fixture.difference(page, size, actual));
    }
  }

  /**
   * Two pages that hold every order. Not the largest page the contract allows: that pages of 1..500 orders are served
   * is the paging category's rule.
   */
  private static final int HALF = (OrdersFixture.ORDERS + 1) / 2;

  @Test
  void noOrderAppearsTwice() {
    for (int page = 0; page < 2; page++) {
      List<OrderSummary> actual = fixture.history.page(page, HALF);
      Set<Long> seen = new HashSet<>();
      Set<Long> twice = new LinkedHashSet<>();
      actual.forEach(o -> {
        if (!seen.add(o.id())) {
          twice.add(o.id());
        }
      });
      int p = page;
      assertTrue(twice.isEmpty(), () -> "on page " + p + " of size " + HALF + " (seed " + fixture.seed + ") " + twice.size()
          + " orders appear more than once: " + OrdersFixture.sample(twice) + "; " + actual.size()
          + " rows for " + seen.size() + " distinct orders");
    }
  }

  @Test
  void ordersWithoutLinesAreListed() {
    List<OrderSummary> actual = new ArrayList<>(fixture.history.page(0, HALF));
    actual.addAll(fixture.history.page(1, HALF));
    Set<Long> shown = new HashSet<>();
    actual.forEach(o -> shown.add(o.id()));
    Set<Long> withoutLines = new LinkedHashSet<>();
    fixture.expected.stream().filter(o -> o.lines().isEmpty()).forEach(o -> withoutLines.add(o.id()));
    Set<Long> missing = new LinkedHashSet<>(withoutLines);
    missing.removeAll(shown);
    assertTrue(missing.isEmpty(), () -> missing.size() + " of " + withoutLines.size()
        + " orders without lines are missing from the history: " + OrdersFixture.sample(missing)
        + " (an inner join to the lines drops them; seed " + fixture.seed + ")");
    for (OrderSummary o : actual) {
      if (withoutLines.contains(o.id())) {
        assertEquals(List.of(), o.lines(), "order " + o.id() + " has no lines");
        assertEquals(0, o.totalCents(), "order " + o.id() + " has no lines, so its total is 0");
      }
    }
  }

  @Test
  void ordersNewestFirstAndLinesInLineOrder() {
    List<OrderSummary> actual = fixture.history.page(0, 300);
    List<OrderSummary> wanted = fixture.expectedPage(0, 300);
    assertEquals(ids(wanted).size(), ids(actual).size(),
        "page 0 of size 300 must hold " + wanted.size() + " orders (seed " + fixture.seed + ")");
    assertEquals(new HashSet<>(ids(wanted)), new HashSet<>(ids(actual)),
        "page 0 of size 300 holds other orders than expected (seed " + fixture.seed + ")");
    for (int i = 0; i < wanted.size(); i++) {
      OrderSummary w = wanted.get(i);
      OrderSummary a = actual.get(i);
      int at = i;
      assertEquals(w.id(), a.id(), () -> "position " + at + ": expected order " + w.id() + " (placed " + w.placedAt()
          + ") but was order " + a.id() + " (placed " + a.placedAt() + "); orders go newest first, ties on placed_at"
          + " by higher id first (seed " + fixture.seed + ")");
    }
    for (OrderSummary a : actual) {
      List<Integer> lineNumbers = a.lines().stream().map(LineView::lineNo).toList();
      List<Integer> sorted = lineNumbers.stream().sorted().toList();
      assertEquals(sorted, lineNumbers, "order " + a.id() + ": lines must be in line-number order");
    }
  }

  private static List<Long> ids(List<OrderSummary> orders) {
    return orders.stream().map(OrderSummary::id).toList();
  }

  /** The brief: do not cache results between calls. A row changed by another client shows on the next call. */
  @Test
  void everyCallReadsWhatTheDatabaseHoldsNow() throws SQLException {
    OrderSummary newest = fixture.expected.stream().filter(o -> !o.lines().isEmpty()).findFirst().orElseThrow();
    int size = 1 + fixture.expected.indexOf(newest);
    CustomerView customer = newest.customer();
    LineView line = newest.lines().get(0);
    List<OrderSummary> before = fixture.history.page(0, size);
    assertTrue(before.stream().anyMatch(o -> o.id() == newest.id() && customer.equals(o.customer())),
        "page 0 of size " + size + " (seed " + fixture.seed + ") should list order " + newest.id() + " of customer "
            + customer);
    // Every kind of thing the screen shows changes between the two calls: the customer, a product, the order, a line.
    String renamed = customer.name() + " (renamed)";
    String product = line.productName() + " (renamed)";
    String status = newest.status().equals("CANCELLED") ? "PAID" : "CANCELLED";
    int quantity = line.quantity() + 1;
    List<String> changes = List.of(
        "customer " + customer.id() + " renamed to \"" + renamed + "\"",
        "product " + line.sku() + " renamed to \"" + product + "\"",
        "the order's status set to " + status,
        "line " + line.lineNo() + "'s quantity set to " + quantity);
    // And a new order, older than all: the page just past the old end now shows it.
    long added = 200_000 + Math.floorMod(fixture.seed, 100_000);
    List<OrderSummary> pastTheEnd = fixture.history.page(OrdersFixture.ORDERS, 1);
    assertEquals(List.of(), ids(pastTheEnd), "page " + OrdersFixture.ORDERS + " of size 1 is past the end of "
        + OrdersFixture.ORDERS + " orders");
    try {
      update("insert into orders (id, customer_id, placed_at, status) values (?, ?, ?, 'PLACED')", added,
          customer.id(), java.sql.Timestamp.from(fixture.expected.get(fixture.expected.size() - 1).placedAt()
              .minusSeconds(86_400)));
      update("update customer set name = ? where id = ?", renamed, customer.id());
      update("update product set name = ? where sku = ?", product, line.sku());
      update("update orders set status = ? where id = ?", status, newest.id());
      update("update order_line set quantity = ? where order_id = ? and line_no = ?", quantity, newest.id(),
          line.lineNo());
      List<Long> nowPastTheOldEnd = ids(fixture.history.page(OrdersFixture.ORDERS, 1));
      assertEquals(List.of(added), nowPastTheOldEnd, () -> "order " + added + " was inserted, older than all "
          + OrdersFixture.ORDERS + " orders, between two calls of page(" + OrdersFixture.ORDERS + ", 1); the second"
          + " call showed " + nowPastTheOldEnd + "; the brief: do not cache results between calls");
      List<OrderSummary> after = fixture.history.page(0, size);
      OrderSummary shown = after.stream().filter(o -> o.id() == newest.id()).findFirst().orElse(null);
      assertTrue(shown != null, () -> "the second call of page(0, " + size + ") did not list order " + newest.id());
      LineView first = shown.lines().isEmpty() ? null : shown.lines().get(0);
      List<String> stale = new ArrayList<>();
      if (!renamed.equals(shown.customer().name())) {
        stale.add("the customer's name \"" + shown.customer().name() + "\"");
      }
      if (first == null || !product.equals(first.productName())) {
        stale.add("the product name " + (first == null ? "(no line)" : "\"" + first.productName() + "\""));
      }
      if (!status.equals(shown.status())) {
        stale.add("the status " + shown.status());
      }
      if (first == null || first.quantity() != quantity) {
        stale.add("the quantity " + (first == null ? "(no line)" : first.quantity()));
      }
      assertTrue(stale.isEmpty(), () -> "between two calls of page(0, " + size + ") of order " + newest.id() + ": "
          + String.join(", ", changes) + " in the database; the second call still showed "
          + String.join(", ", stale) + "; the brief: do not cache results between calls");
    } finally {
      update("delete from orders where id = ?", added);
      update("update customer set name = ? where id = ?", customer.name(), customer.id());
      update("update product set name = ? where sku = ?", line.productName(), line.sku());
      update("update orders set status = ? where id = ?", newest.status(), newest.id());
      update("update order_line set quantity = ? where order_id = ? and line_no = ?", line.quantity(), newest.id(),
          line.lineNo());
    }
  }

  /** Runs {@code sql}, which must change exactly one row. */
  private static void update(String sql, Object... args) throws SQLException {
    try (Connection c = fixture.database.getConnection();
        PreparedStatement p = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        p.setObject(i + 1, args[i]);
      }
      assertEquals(1, p.executeUpdate(), () -> "rows changed by " + sql);
    }
  }
}
