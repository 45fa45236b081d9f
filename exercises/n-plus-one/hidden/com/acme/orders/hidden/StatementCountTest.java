package com.acme.orders.hidden;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.acme.orders.view.OrderSummary;
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

  @Test
  void sameStatementCountFor1_50And500Orders() {
    int[] sizes = {1, 50, 500};
    @SuppressWarnings("unchecked")
    StatementLog.Recorded<List<OrderSummary>>[] runs = new StatementLog.Recorded[sizes.length];
    for (int i = 0; i < sizes.length; i++) {
      runs[i] = fixture.page(0, sizes[i]);
      assertNull(fixture.incompleteness(0, sizes[i], runs[i].result()),
          "the page must hold complete orders before its statement count means anything");
    }
    boolean same = runs[0].count() == runs[1].count() && runs[1].count() == runs[2].count();
    assertTrue(same, () -> runs[0].count() + " statements for 1 order, " + runs[1].count() + " for 50 orders, "
        + runs[2].count() + " for 500 orders; the count must not grow with the page. "
        + runs[1].count() + " statements for 50 orders: " + runs[1].summary());
  }

  @Test
  void noSelectRepeatsWithDifferentParameterValues() {
    StatementLog.Recorded<List<OrderSummary>> run = fixture.page(1, 200);
    assertNull(fixture.incompleteness(1, 200, run.result()),
        "the page must hold complete orders before its statements mean anything");
    Map<String, Integer> repeated = run.repeatedSelects();
    assertTrue(repeated.isEmpty(), () -> "the same SELECT ran again with other parameter values (a query per row): "
        + repeated.entrySet().stream().map(e -> e.getValue() + " x " + e.getKey()).collect(Collectors.joining(", "))
        + ". " + run.count() + " statements for 200 orders: " + run.summary());
  }
}
