package com.acme.orders.hidden;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.acme.orders.view.OrderSummary;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Only what the screen shows is read: no suppliers, no payments. */
@Tag("fetch-scope")
class FetchScopeTest {

  private static final Set<String> NOT_SHOWN = Set.of("supplier", "payment");

  private static OrdersFixture fixture;

  @BeforeAll
  static void data() {
    fixture = OrdersFixture.shared();
  }

  @Test
  void readsNothingTheScreenDoesNotShow() {
    StatementLog.Recorded<List<OrderSummary>> run = fixture.page(0, 200);
    fixture.requireLoaded(0, 200, run.result(), "what was read is");
    Map<String, Integer> reads = new LinkedHashMap<>();
    for (StatementLog.Executed s : run.statements()) {
      for (String table : s.tables()) {
        if (NOT_SHOWN.contains(table)) {
          reads.merge(table, 1, Integer::sum);
        }
      }
    }
    assertTrue(reads.isEmpty(), () -> "the brief: only what the screen shows is read; it shows no supplier and no "
        + "payment data, yet "
        + reads.entrySet().stream().map(e -> e.getValue() + " statements read " + e.getKey())
            .collect(Collectors.joining(" and "))
        + " (an association fetched eagerly). Statements for 200 orders: " + run.summary());
  }
}
