package com.acme.orders.hidden;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.acme.orders.view.OrderSummary;
import dev.grader.support.precondition.Precondition;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** A page costs the same few statements whatever its size, with no query per order, customer or product. */
@Tag("constant-statements")
class StatementCountTest {

  private static OrdersFixture fixture;

  @BeforeAll
  static void data() {
    fixture = OrdersFixture.shared();
  }

  /** Statements prove nothing about a page that was not loaded in full; wrong results alone do not stop the test. */
  static void notEvaluatedUnlessLoaded(int pageNumber, int pageSize, List<OrderSummary> page) {
    fixture.requireLoaded(pageNumber, pageSize, page, "statements");
  }

  /**
   * The brief's 1, 50 or 500 orders, with 499 for 500: the count is judged on pages the contract certainly allows,
   * while refusing the largest page (500) is the paging category's rule, not this one's.
   */
  @Test
  void sameStatementCountFor1_50And500Orders() {
    int[] sizes = {1, 50, 499};
    @SuppressWarnings("unchecked")
    StatementLog.Recorded<List<OrderSummary>>[] runs = new StatementLog.Recorded[sizes.length];
    for (int i = 0; i < sizes.length; i++) {
      runs[i] = fixture.page(0, sizes[i]);
      notEvaluatedUnlessLoaded(0, sizes[i], runs[i].result());
    }
    for (int i = 0; i < sizes.length; i++) {
      int size = sizes[i];
      Precondition.require("no-cache-between-calls", runs[i].count() > 0,
          () -> "statements not judged: page 0 of size " + size + " came back without a single SQL statement, so it"
              + " was not read from the database (the brief: do not cache results between calls)");
    }
    boolean same = runs[0].count() == runs[1].count() && runs[1].count() == runs[2].count();
    assertTrue(same, () -> runs[0].count() + " statements for 1 order, " + runs[1].count() + " for 50 orders, "
        + runs[2].count() + " for 499 orders; the brief: a page costs a constant number of SQL statements, the same "
        + "for a page of 1, 50 or 500 orders. "
        + runs[1].count() + " statements for 50 orders: " + runs[1].summary());
  }

  @Test
  void noSelectRepeatsWithDifferentParameterValues() {
    StatementLog.Recorded<List<OrderSummary>> run = fixture.page(1, 200);
    notEvaluatedUnlessLoaded(1, 200, run.result());
    Map<String, Integer> repeated = run.repeatedSelects();
    assertTrue(repeated.isEmpty(), () -> "the brief: no query runs once per order, per customer or per product; yet "
        + "the same SELECT ran again with other parameter values: "
        + repeated.entrySet().stream().map(e -> e.getValue() + " x " + e.getKey()).collect(Collectors.joining(", "))
        + ". " + run.count() + " statements for 200 orders: " + run.summary());
  }
}
