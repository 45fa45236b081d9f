package com.acme.orders.hidden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.fail;

import com.acme.orders.view.OrderSummary;
import dev.grader.support.Seeds;
import java.util.List;
import java.util.Random;
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
      List<OrderSummary> actual = fixture.served(p[0], p[1]);
      String wrong = fixture.wrongSlice(p[0], p[1], actual);
      assertNull(wrong, () -> "the brief: page n is the n-th slice of pageSize orders; " + wrong);
    }
    assertEquals(total - lastPage * lastSize, fixture.served(lastPage, lastSize).size(), "the last page is partial");
    assertEquals(List.of(), fixture.served(lastPage + 1, lastSize), "a page past the end is empty");
  }

  @Test
  void everyPageSizeFrom1To500IsServed() {
    for (int[] p : new int[][] {{0, 1}, {5, 1}, {0, 500}, {1, 500}}) {
      List<OrderSummary> actual;
      try {
        actual = fixture.served(p[0], p[1]);
      } catch (IllegalArgumentException e) {
        fail("the brief: pageSize 1..500; page(" + p[0] + ", " + p[1] + ") was refused: " + e.getMessage());
        return;
      }
      String wrong = fixture.wrongSlice(p[0], p[1], actual);
      assertNull(wrong, () -> "the brief: pageSize 1..500, page n is the n-th slice of pageSize orders; " + wrong);
    }
  }

  @Test
  void argumentsOutsideTheContractAreRefused() {
    Random random = Seeds.random("n-plus-one/paging.arguments");
    int[][] calls = {{0, 0}, {1, -1 - random.nextInt(1000)}, {0, 501}, {2, 501 + random.nextInt(100_000)},
        {-1, 10}, {-1 - random.nextInt(1000), 1 + random.nextInt(500)}};
    for (int[] c : calls) {
      List<OrderSummary> served;
      try {
        served = fixture.history.page(c[0], c[1]);
      } catch (IllegalArgumentException expected) {
        continue;
      }
      fail("the brief's contract: pageNumber 0.., pageSize 1..500, and the current code, whose results stay exactly "
          + "as they are, refuses anything else with an IllegalArgumentException; page(" + c[0] + ", " + c[1]
          + ") returned " + served.size() + " orders");
    }
  }

  @Test
  void theDatabaseLimitsTheRows() {
    int pageSize = 30;
    // a page of orders with their customers and (at most six) lines each, read in a few queries, stays well below
    // this; reading the whole order table (620 orders, ~1,900 rows with their lines) does not
    requireLimited(2, pageSize, 12L * pageSize);
    // A small page in the middle of the table: a query that reads every row up to the page's end (a limit taken
    // for an end index, say) reads hundreds; one limited to the page reads its orders, customers, lines and products.
    int small = 5;
    int middle = fixture.expected.size() / 2 / small;
    long shown = fixture.expectedPage(middle, small).stream().mapToLong(o -> 1 + o.lines().size()).sum();
    requireLimited(middle, small, 4 * shown + 24);
  }

  private static void requireLimited(int pageNumber, int pageSize, long bound) {
    StatementLog.Recorded<List<OrderSummary>> run = fixture.page(pageNumber, pageSize);
    fixture.requireLoaded(pageNumber, pageSize, run.result(), "the rows read are");
    if (run.rowsRead() > bound) {
      List<StatementLog.Executed> fromOrders = run.statements().stream().filter(s -> s.tables().contains("orders"))
          .toList();
      boolean limited = fromOrders.stream().anyMatch(StatementLog.Executed::limitsRows);
      boolean collectionFetchInOrdersQuery = fromOrders.stream().anyMatch(s -> !s.limitsRows()
          && s.tables().contains("order_line"));
      String why = limited
          ? "A statement on orders limits its rows, yet the database returned more than a page's worth: some "
              + "statement reads rows beyond the page's"
          : "No statement that reads from orders limits its rows (LIMIT, OFFSET or FETCH FIRST): the page is cut in "
              + "memory from every order"
              + (collectionFetchInOrdersQuery ? " (Hibernate does this, with warning HHH90003004, when a query that "
                  + "fetches a collection is paged with setFirstResult/setMaxResults)" : "");
      fail("the brief: the database does the paging, the rows of a page are limited in SQL. Page " + pageNumber
          + " of " + pageSize + " orders made the database return " + run.rowsRead() + " rows; a page limited in SQL "
          + "needs at most about " + bound + ". " + why + ". Statements: "
          + run.statements().stream().map(StatementLog.Executed::shortForm).distinct()
              .collect(Collectors.joining(", ")));
    }
  }
}
