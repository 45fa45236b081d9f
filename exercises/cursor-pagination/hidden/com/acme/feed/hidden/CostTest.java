package com.acme.feed.hidden;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grader.support.Seeds;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A page reads at most limit + 1 rows, in at most two SQL statements. */
@Tag("efficiency")
@ExtendWith(Api.StopAtEnd.class)
class CostTest {

  @Test
  void aPageReadsAtMostLimitPlusOneRows() throws Exception {
    Random random = Seeds.random("rows");
    Data data = new Data(random);
    Api api = Api.get();
    api.replaceOrders(data.spread(300 + random.nextInt(100), i -> i % 3 == 0 ? "SHIPPED" : data.anyStatus()));
    for (String status : new String[] {null, "SHIPPED"}) {
      int limit = 5 + random.nextInt(10);
      String cursor = null;
      for (int page = 1; page <= 3; page++) {
        api.counted.reset();
        Api.Page p = api.page(status, limit, cursor, "page " + page);
        int rows = api.counted.rows.get();
        int pageNo = page;
        assertTrue(rows <= limit + 1, () -> "page " + pageNo + (status == null ? "" : " of status=" + status)
            + " with limit " + limit + " read " + rows + " rows from the database; at most limit + 1 = "
            + (limit + 1) + " (the database does the filtering, ordering and limiting)");
        cursor = p.nextCursor();
      }
    }
  }

  @Test
  void aPageRunsAtMostTwoStatements() throws Exception {
    Random random = Seeds.random("statements");
    Data data = new Data(random);
    Api api = Api.get();
    api.replaceOrders(data.spread(200, i -> data.anyStatus()));
    String cursor = null;
    int limit = 10 + random.nextInt(20);
    for (int page = 1; page <= 3; page++) {
      api.counted.reset();
      Api.Page p = api.page(null, limit, cursor, "page " + page);
      int statements = api.counted.statements.get();
      int pageNo = page;
      assertTrue(statements <= 2, () -> "page " + pageNo + " with limit " + limit + " ran " + statements
          + " SQL statements; at most 2 (no statement per order)");
      cursor = p.nextCursor();
    }
  }
}
