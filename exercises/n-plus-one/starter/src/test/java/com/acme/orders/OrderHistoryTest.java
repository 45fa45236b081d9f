package com.acme.orders;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.acme.orders.view.CustomerView;
import com.acme.orders.view.LineView;
import com.acme.orders.view.OrderSummary;
import dev.grader.support.postgres.TestDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.hibernate.SessionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Visible tests on a small, fixed data set. The database comes from {@link TestDatabase}: Testcontainers
 * when Docker runs, else embedded PostgreSQL, or your own server through GRADER_DB_URL (see README). This
 * class takes a fresh database of its own, so other test classes' tables never get in its way.
 */
class OrderHistoryTest {

  private static final Instant T0 = Instant.parse("2024-05-01T12:00:00Z");

  private static SqlRecorder sql;
  private static SessionFactory sessionFactory;
  private static OrderHistory history;

  @BeforeAll
  static void setUp() throws SQLException, IOException {
    DataSource dataSource = TestDatabase.newDatabase();
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
      s.execute("drop table if exists payment, order_line, orders, customer, product, supplier cascade");
      for (String ddl : schema()) {
        s.execute(ddl);
      }
      s.execute("insert into supplier values (1, 'Nordic Parts', 'SE'), (2, 'Iberia Tools', 'ES')");
      s.execute("insert into product values (1, 'HAM-01', 'Claw hammer', 1), (2, 'SAW-02', 'Hand saw', 2),"
          + " (3, 'DRL-03', 'Cordless drill', 1), (4, 'TAP-04', 'Tape measure', 2)");
      StringBuilder customers = new StringBuilder("insert into customer values ");
      StringBuilder orders = new StringBuilder("insert into orders values ");
      StringBuilder lines = new StringBuilder("insert into order_line values ");
      StringBuilder payments = new StringBuilder("insert into payment values ");
      long lineId = 1;
      for (int i = 1; i <= 30; i++) {
        customers.append(i == 1 ? "" : ",").append("(").append(i).append(", 'Customer ").append(i).append("', 'c")
            .append(i).append("@example.com')");
        // order i placed i hours after T0: order 30 is the newest
        orders.append(i == 1 ? "" : ",").append("(").append(i).append(", ").append(i).append(", '")
            .append(T0.plusSeconds(3600L * i)).append("', 'PLACED')");
        payments.append(i == 1 ? "" : ",").append("(").append(i).append(", ").append(i).append(", 100, '")
            .append(T0.plusSeconds(3600L * i + 60)).append("', 'CARD')");
        int lineCount = i % 5 == 0 ? 0 : 1 + i % 3; // orders 5, 10, ... have no lines
        for (int n = lineCount; n >= 1; n--) {
          lines.append(lineId == 1 ? "" : ",").append("(").append(lineId++).append(", ").append(i).append(", ").append(n)
              .append(", ").append(1 + (i + n) % 4).append(", ").append(n).append(", ").append(250 * n).append(")");
        }
      }
      s.execute(customers.toString());
      s.execute(orders.toString());
      s.execute(lines.toString());
      s.execute(payments.toString());
    }
    sql = new SqlRecorder();
    sessionFactory = OrdersPersistence.sessionFactory(sql.wrap(dataSource));
    history = new OrderHistory(sessionFactory);
  }

  @AfterAll
  static void tearDown() {
    if (sessionFactory != null) {
      sessionFactory.close();
    }
  }

  @Test
  void firstPageShowsTheNewestOrdersWithCustomerAndLines() {
    List<OrderSummary> page = history.page(0, 3);

    assertEquals(List.of(30L, 29L, 28L), page.stream().map(OrderSummary::id).toList());
    OrderSummary newest = page.get(0);
    assertEquals(new OrderSummary(30, T0.plusSeconds(3600L * 30), "PLACED",
        new CustomerView(30, "Customer 30", "c30@example.com"), List.of(), 0), newest);
    OrderSummary second = page.get(1);
    assertEquals(List.of(
            new LineView(1, "DRL-03", "Cordless drill", 1, 250),
            new LineView(2, "TAP-04", "Tape measure", 2, 500),
            new LineView(3, "HAM-01", "Claw hammer", 3, 750)),
        second.lines(), "order 29's lines, in line-number order");
    assertEquals(250 + 2 * 500 + 3 * 750, second.totalCents());
  }

  @Test
  void ordersWithoutLinesAreListed() {
    List<OrderSummary> all = history.page(0, 50);

    assertEquals(30, all.size());
    assertEquals(List.of(30L, 25L, 20L, 15L, 10L, 5L),
        all.stream().filter(o -> o.lines().isEmpty()).map(OrderSummary::id).toList());
  }

  @Test
  void secondPageFollowsTheFirst() {
    assertEquals(List.of(20L, 19L, 18L, 17L, 16L, 15L, 14L, 13L, 12L, 11L),
        history.page(1, 10).stream().map(OrderSummary::id).toList());
    assertEquals(List.of(), history.page(3, 10));
  }

  @Test
  void aPageNeedsTheSameFewStatementsWhateverItsSize() {
    SqlRecorder.Recorded<List<OrderSummary>> small = sql.record(() -> history.page(0, 2));
    SqlRecorder.Recorded<List<OrderSummary>> large = sql.record(() -> history.page(0, 20));

    assertEquals(20, large.result().size());
    assertTrue(small.count() == large.count() && large.count() <= 5,
        "a page of 2 orders took " + small.count() + " statements, a page of 20 took " + large.count()
            + "; it should be the same few whatever the page size. Statements for 20 orders:\n" + large.summary());
  }

  private static List<String> schema() throws IOException {
    try (InputStream in = OrderHistoryTest.class.getResourceAsStream("/schema.sql")) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return java.util.Arrays.stream(text.replaceAll("(?m)^\\s*--.*$", "").split(";"))
          .map(String::strip)
          .filter(s -> !s.isEmpty())
          .toList();
    }
  }
}
