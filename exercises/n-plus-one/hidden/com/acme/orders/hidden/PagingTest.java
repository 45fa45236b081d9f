package com.acme.orders.hidden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.acme.orders.view.OrderSummary;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Pages are the right slices, and the database does the paging. */
@Tag("paging")
class PagingTest {

  private static OrdersFixture fixture;

  @BeforeAll
  static void data() {
    fixture = OrdersFixture.shared();
  }

  @Test
  void pagesAreTheRightSlices() {
    int total = fixture.expected.size();
    int lastSize = 70;
    int lastPage = (total - 1) / lastSize;
    int[][] pages = {{0, 25}, {3, 40}, {7, 13}, {lastPage, lastSize}, {lastPage + 1, lastSize}, {1000, 10}};
    for (int[] p : pages) {
      List<OrderSummary> actual = fixture.history.page(p[0], p[1]);
      assertNull(fixture.difference(p[0], p[1], actual));
    }
    assertEquals(total - lastPage * lastSize, fixture.history.page(lastPage, lastSize).size(), "the last page is partial");
    assertEquals(List.of(), fixture.history.page(lastPage + 1, lastSize), "a page past the end is empty");
  }

  @Test
  void theDatabaseLimitsTheRows() {
    int pageSize = 30;
    StatementLog.Recorded<List<OrderSummary>> run = fixture.page(2, pageSize);
    assertNull(fixture.incompleteness(2, pageSize, run.result()), "the page must hold complete orders");
    // a page of orders with their customers and (at most six) lines each, read in a few queries, stays well below
    // this; reading the whole order table (620 orders, ~1,900 rows with their lines) does not
    long bound = 12L * pageSize;
    boolean limitClause = run.statements().stream().anyMatch(s -> s.tables().contains("orders") && s.limitsRows());
    assertTrue(run.rowsRead() <= bound, () -> "page 2 of " + pageSize + " orders made the database return "
        + run.rowsRead() + " rows; a page limited in SQL needs at most about " + bound + ". "
        + (limitClause ? "" : "No statement limits the rows it reads from orders: ")
        + "the page is cut in memory from every order (what Hibernate does, with warning HHH90003004, when a"
        + " collection fetch is combined with setFirstResult/setMaxResults). Statements: "
        + run.statements().stream().map(StatementLog.Executed::shortForm).distinct().collect(Collectors.joining(", ")));
  }
}
