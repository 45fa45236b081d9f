package com.acme.orders.hidden;

import com.acme.orders.OrderHistory;
import com.acme.orders.OrdersPersistence;
import com.acme.orders.view.CustomerView;
import com.acme.orders.view.LineView;
import com.acme.orders.view.OrderSummary;
import dev.grader.support.Seeds;
import dev.grader.support.postgres.PlannerSettings;
import dev.grader.support.postgres.ReusedConnections;
import dev.grader.support.postgres.TestDatabase;
import dev.grader.support.precondition.Precondition;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.hibernate.SessionFactory;

/**
 * One seeded order database per test JVM, Hibernate booted once on it through a statement-counting DataSource, and
 * the ground truth computed from the generated data (not read back from the database).
 */
final class OrdersFixture {

  static final int ORDERS = 620;
  static final int CUSTOMERS = 170;
  static final int PRODUCTS = 1200; // more than a batch of 500 on a page of 499 orders
  static final int SUPPLIERS = 12;

  private static OrdersFixture shared;

  final StatementLog log = new StatementLog();
  final OrderHistory history;
  /** Every order as the screen must show it, newest first. */
  final List<OrderSummary> expected;
  private final Map<Long, OrderSummary> byId;
  /** The same orders by the low 32 bits of their id (distinct among them). */
  private final Map<Integer, OrderSummary> byLow32;
  final long seed = Seeds.seed();
  /** The database itself, not counted: for tests that change rows as another client would. */
  final DataSource database;

  private OrdersFixture() {
    long t0 = System.nanoTime();
    Random random = Seeds.random("n-plus-one/orders");
    // Ties on placed_at come back in a sort's order, not the index's: only a query naming the tie-break is right.
    PlannerSettings.withoutIndexes(TestDatabase.dataSource());
    // Connections reused (reset between uses): a new one costs ~20 ms, and every Hibernate session takes one.
    DataSource raw = ReusedConnections.over(TestDatabase.dataSource());
    this.database = raw;
    long t1 = System.nanoTime();
    List<OrderSummary> truth = generate(random, raw);
    truth.sort(Comparator.comparing(OrderSummary::placedAt).thenComparing(OrderSummary::id).reversed());
    this.expected = List.copyOf(truth);
    this.byId = truth.stream().collect(Collectors.toMap(OrderSummary::id, o -> o));
    this.byLow32 = truth.stream().collect(Collectors.toMap(o -> (int) o.id(), o -> o));
    long t2 = System.nanoTime();
    SessionFactory sessionFactory = OrdersPersistence.sessionFactory(log.wrap(raw));
    Runtime.getRuntime().addShutdownHook(new Thread(sessionFactory::close, "close-session-factory"));
    this.history = new OrderHistory(sessionFactory);
    long t3 = System.nanoTime();
    System.err.printf("[n-plus-one] seed %d: database %d ms, %d orders generated and inserted %d ms, Hibernate boot %d ms%n",
        seed, (t1 - t0) / 1_000_000, ORDERS, (t2 - t1) / 1_000_000, (t3 - t2) / 1_000_000);
  }

  static synchronized OrdersFixture shared() {
    if (shared == null) {
      shared = new OrdersFixture();
    }
    return shared;
  }

  /** The expected page, as a list (empty past the end). */
  List<OrderSummary> expectedPage(int pageNumber, int pageSize) {
    int from = Math.min(expected.size(), pageNumber * pageSize);
    return expected.subList(from, Math.min(expected.size(), from + pageSize));
  }

  /** Runs {@code history.page(pageNumber, pageSize)} and records its statements ({@link #served}). */
  StatementLog.Recorded<List<OrderSummary>> page(int pageNumber, int pageSize) {
    return log.record(() -> served(pageNumber, pageSize));
  }

  /**
   * {@code history.page(pageNumber, pageSize)} for arguments the contract allows; when it throws (but for refusing the
   * arguments), the test ends as not evaluated: a page that cannot be loaded (lines that do not map, a duplicate customer on a page) breaks a rule of
   * results, whose own tests charge it, and says nothing about statements, tables read or slices.
   */
  List<OrderSummary> served(int pageNumber, int pageSize) {
    try {
      return history.page(pageNumber, pageSize);
    } catch (IllegalArgumentException refused) {
      throw refused; // arguments refused: the paging rules' business (every page size from 1 to 500 is served)
    } catch (RuntimeException e) {
      Precondition.require(LOADED_IN_FULL_RULES, false, () -> "not judged: page " + pageNumber + " of size " + pageSize
          + " (seed " + seed + ") could not be loaded: " + e);
      throw e;
    }
  }

  /**
   * Null when the page's orders were loaded in full: it holds at least a quarter of the orders the page should hold
   * (at least one when there are any), and each order on it is an order of the database with its customer as stored
   * and its lines read from the database: only lines stored for that order, at least one when it has any. Else what
   * was not loaded. Which orders, their order, duplicates, a line lost or shown twice while the lines are put together,
   * and the computed total are not looked at: those are the results and paging categories' business, so a results bug
   * (a missing tie-break, lines grouped by a boxed id compared with ==) is not charged to the tests that judge
   * statements. Nor are values read into too narrow a type (the schema's ids and prices are bigint): an order is found
   * by its id or by that id cut to 32 bits, its customer is compared by name and e-mail and its lines without their
   * price. It is the bar a page must pass before its statements mean anything, so that loading less never looks
   * cheaper: a page without its lines, or with lines made up, does not pass it.
   */
  /** The rules of results whose failure leaves a page's orders not loaded in full ({@link #notLoaded}). */
  static final List<String> LOADED_IN_FULL_RULES = List.of("results-identical", "values-kept-exactly",
      "every-order-once", "orders-without-lines-listed");

  /**
   * Ends the test as not evaluated unless the page's orders were loaded in full: statements, rows and tables read are
   * judged only on a page that loads what it must, and one that does not breaks a rule of results, whose own tests
   * charge it.
   */
  void requireLoaded(int pageNumber, int pageSize, List<OrderSummary> actual, String judged) {
    String notLoaded = notLoaded(pageNumber, pageSize, actual);
    Precondition.require(LOADED_IN_FULL_RULES, notLoaded == null,
        () -> judged + " not judged: the page's orders were not loaded in full (" + notLoaded + "), and a page that"
            + " loads less proves nothing about them");
  }

  String notLoaded(int pageNumber, int pageSize, List<OrderSummary> actual) {
    int wanted = expectedPage(pageNumber, pageSize).size();
    String where = "page " + pageNumber + " of size " + pageSize + " (seed " + seed + ")";
    if (actual == null) {
      return where + ": got null instead of a list";
    }
    long distinct = actual.stream().map(OrderSummary::id).distinct().count();
    if (distinct * 4 < wanted || (wanted > 0 && distinct == 0)) {
      return where + ": holds " + distinct + " distinct orders of the " + wanted + " it should";
    }
    for (OrderSummary a : actual) {
      OrderSummary w = byId.get(stored(a.id()));
      if (w == null) {
        return where + ": order " + a.id() + " does not exist";
      }
      if (a.customer() == null || !w.customer().name().equals(a.customer().name())
          || !w.customer().email().equals(a.customer().email())) {
        return where + ": order " + a.id() + "'s customer was not loaded as stored: expected " + w.customer()
            + " but was " + a.customer();
      }
      Set<LineView> stored = w.lines().stream().map(OrdersFixture::unpriced).collect(Collectors.toSet());
      if (a.lines() == null || (!stored.isEmpty() && a.lines().isEmpty())
          || !a.lines().stream().map(OrdersFixture::unpriced).allMatch(stored::contains)) {
        return where + ": order " + a.id() + "'s lines were not loaded as stored: expected " + w.lines() + " but were "
            + a.lines();
      }
    }
    return null;
  }

  private static LineView unpriced(LineView line) {
    return line == null ? null : new LineView(line.lineNo(), line.sku(), line.productName(), line.quantity(), 0);
  }

  /**
   * Null when {@code actual} holds the orders of the expected slice, whatever their order on the page (ordering is
   * the results category's business, and so is an id cut to 32 bits); also when it holds other orders placed at
   * exactly the same moments as the expected ones, which is what a wrong tie-break does at a slice's edge (ordering
   * again, not paging). Else which orders are missing or do not belong, for people.
   */
  String wrongSlice(int pageNumber, int pageSize, List<OrderSummary> actual) {
    String where = "page " + pageNumber + " of size " + pageSize + " (seed " + seed + ")";
    if (actual == null) {
      return where + ": got null instead of a list";
    }
    Set<Long> wanted = expectedPage(pageNumber, pageSize).stream().map(OrderSummary::id)
        .collect(Collectors.toCollection(LinkedHashSet::new));
    Set<Long> got = actual.stream().map(o -> stored(o.id())).collect(Collectors.toCollection(LinkedHashSet::new));
    if (wanted.equals(got) || moments(wanted).equals(moments(got))) {
      return null;
    }
    Set<Long> missing = new LinkedHashSet<>(wanted);
    missing.removeAll(got);
    Set<Long> extra = new LinkedHashSet<>(got);
    extra.removeAll(wanted);
    return where + ": expected the " + wanted.size() + " orders of slice " + pageNumber * pageSize + ".."
        + (pageNumber * pageSize + pageSize - 1) + " (newest first, ties by higher id first), got " + got.size()
        + " distinct orders" + (missing.isEmpty() ? "" : "; missing " + missing.size() + " (" + sample(missing) + ")")
        + (extra.isEmpty() ? "" : "; not on this page: " + extra.size() + " (" + sample(extra) + ")");
  }

  /** How many of {@code ids} were placed at each moment; null when one of them is not a stored order. */
  private Map<Instant, Long> moments(Set<Long> ids) {
    if (!byId.keySet().containsAll(ids)) {
      return null;
    }
    return ids.stream().collect(Collectors.groupingBy(id -> byId.get(id).placedAt(), Collectors.counting()));
  }

  /** The stored id an id on a page stands for: itself, or the stored id it is the low 32 bits of. */
  private long stored(long id) {
    OrderSummary o = byId.getOrDefault(id, byLow32.get((int) id));
    return o == null ? id : o.id();
  }

  /** Null when {@code actual} is the expected page; else what differs first, for people. */
  String difference(int pageNumber, int pageSize, List<OrderSummary> actual) {
    List<OrderSummary> wanted = expectedPage(pageNumber, pageSize);
    String where = "page " + pageNumber + " of size " + pageSize + " (seed " + seed + ")";
    if (actual == null) {
      return where + ": got null instead of a list";
    }
    List<Long> wantedIds = wanted.stream().map(OrderSummary::id).toList();
    List<Long> actualIds = actual.stream().map(OrderSummary::id).toList();
    if (!wantedIds.equals(actualIds)) {
      Set<Long> missing = new LinkedHashSet<>(wantedIds);
      actualIds.forEach(missing::remove);
      Set<Long> seen = new HashSet<>();
      Set<Long> twice = actualIds.stream().filter(id -> !seen.add(id)).collect(Collectors.toCollection(LinkedHashSet::new));
      Set<Long> extra = new LinkedHashSet<>(actualIds);
      wantedIds.forEach(extra::remove);
      StringBuilder text = new StringBuilder(where + ": expected " + wanted.size() + " orders, got " + actual.size());
      if (!missing.isEmpty()) {
        text.append("; missing ").append(missing.size()).append(" (").append(sample(missing)).append(")");
        long withoutLines = wanted.stream().filter(o -> missing.contains(o.id()) && o.lines().isEmpty()).count();
        if (withoutLines > 0) {
          text.append(", ").append(withoutLines).append(" of them without lines");
        }
      }
      if (!twice.isEmpty()) {
        text.append("; listed more than once: ").append(sample(twice));
      }
      if (!extra.isEmpty()) {
        text.append("; not on this page: ").append(sample(extra));
      }
      if (missing.isEmpty() && twice.isEmpty() && extra.isEmpty()) {
        int at = 0;
        while (wantedIds.get(at).equals(actualIds.get(at))) {
          at++;
        }
        OrderSummary w = wanted.get(at);
        OrderSummary a = actual.get(at);
        text.append("; right orders in the wrong order: at position ").append(at).append(" expected order ").append(w.id())
            .append(" (placed ").append(w.placedAt()).append(") but was order ").append(a.id()).append(" (placed ")
            .append(a.placedAt()).append("); newest first, ties by higher id first");
      }
      return text.toString();
    }
    for (int i = 0; i < wanted.size(); i++) {
      if (!wanted.get(i).equals(actual.get(i))) {
        return where + ": order " + wanted.get(i).id() + " differs" + fieldDifference(wanted.get(i), actual.get(i));
      }
    }
    return null;
  }

  private static String fieldDifference(OrderSummary w, OrderSummary a) {
    if (!w.lines().equals(a.lines())) {
      if (w.lines().size() == a.lines().size()
          && new HashSet<>(w.lines()).equals(new HashSet<>(a.lines()))) {
        return ": lines out of line-number order: expected " + w.lines().stream().map(LineView::lineNo).toList()
            + " but was " + a.lines().stream().map(LineView::lineNo).toList();
      }
      return ": lines expected " + w.lines() + " but were " + a.lines();
    }
    if (!w.customer().equals(a.customer())) {
      return ": customer expected " + w.customer() + " but was " + a.customer();
    }
    return ": expected " + w + " but was " + a;
  }

  static String sample(Set<Long> ids) {
    String shown = ids.stream().limit(8).map(String::valueOf).collect(Collectors.joining(", "));
    return ids.size() > 8 ? shown + ", ..." : shown;
  }

  // ---------------------------------------------------------------------------------------------------------------
  // data

  private static final String[] FIRST = {"Ada", "Bela", "Chidi", "Dana", "Emil", "Farah", "Goran", "Hana", "Ines",
      "Jonas", "Kemal", "Lena", "Mira", "Nils", "Olga", "Pavel", "Quinn", "Rosa", "Sven", "Tara"};
  private static final String[] LAST = {"Berg", "Costa", "Dahl", "Eze", "Fuchs", "Gomez", "Horvat", "Ito", "Jensen",
      "Kowalski", "Lind", "Moreau", "Novak", "Okafor", "Petrov", "Quist", "Rossi", "Silva", "Tanaka", "Ueda"};
  private static final String[] THINGS = {"hammer", "saw", "drill", "tape", "wrench", "chisel", "level", "clamp",
      "file", "plane", "sander", "router", "pliers", "ladder", "glue"};
  private static final String[] STATUSES = {"PLACED", "PAID", "SHIPPED", "DELIVERED", "CANCELLED"};
  private static final Instant BASE = Instant.parse("2024-01-01T00:00:00Z");

  private record Line(long id, long orderId, int lineNo, int product, int quantity, long unitPriceCents) {}

  private static List<OrderSummary> generate(Random r, DataSource ds) {
    // ids and prices are bigint: some of each beyond what an int holds (ids distinct in their low 32 bits too)
    List<Long> orderIds = distinctIds(r, ORDERS, 100_000);
    List<Long> customerIds = distinctIds(r, CUSTOMERS, 10_000);
    List<Long> productIds = distinctIds(r, PRODUCTS, 1_000_000);
    Map<Long, CustomerView> customers = new HashMap<>();
    for (long id : customerIds) {
      String first = FIRST[r.nextInt(FIRST.length)];
      String last = LAST[r.nextInt(LAST.length)];
      customers.put(id, new CustomerView(id, first + " " + last, (first + "." + last + id + "@example.com").toLowerCase()));
    }
    String[] skus = new String[PRODUCTS + 1];
    String[] names = new String[PRODUCTS + 1];
    int[] supplierOf = new int[PRODUCTS + 1];
    for (int p = 1; p <= PRODUCTS; p++) {
      skus[p] = String.format("SKU-%05d", p * 7 + r.nextInt(7));
      names[p] = THINGS[r.nextInt(THINGS.length)] + " model " + (char) ('A' + r.nextInt(26)) + p;
      supplierOf[p] = 1 + r.nextInt(SUPPLIERS);
    }
    // few distinct times: many orders share placed_at, so the id must break ties
    Map<Long, Instant> placedAt = new HashMap<>();
    Map<Long, Long> customerOf = new HashMap<>();
    Map<Long, String> status = new HashMap<>();
    for (long id : orderIds) {
      placedAt.put(id, BASE.plusSeconds(3600L * r.nextInt(ORDERS / 2)));
      customerOf.put(id, customerIds.get(r.nextInt(customerIds.size())));
      status.put(id, STATUSES[r.nextInt(STATUSES.length)]);
    }
    long newest = orderIds.stream()
        .max(Comparator.comparing((Long id) -> placedAt.get(id)).thenComparing(id -> id)).orElseThrow();
    List<Line> lines = new ArrayList<>();
    Map<Long, List<LineView>> linesOf = new HashMap<>();
    long lineId = (1L << 32) + r.nextInt(1000);
    for (long id : orderIds) {
      int count = r.nextInt(100) < 16 ? 0 : 1 + r.nextInt(6);
      if (id == newest && count == 0) {
        count = 2; // a page of one order shows lines too
      }
      List<LineView> views = new ArrayList<>();
      // In about one order in three a line was deleted at some point: its number stays unused (line numbers are
      // unique per order and ordered, not a list index from 1).
      boolean gaps = r.nextInt(3) == 0;
      int lineNo = 0;
      for (int n = 1; n <= count; n++) {
        lineNo += gaps ? 1 + r.nextInt(3) : 1;
        int product = 1 + r.nextInt(PRODUCTS);
        Line line = new Line(lineId, id, lineNo, product, 1 + r.nextInt(9), price(r));
        lineId += 1 + r.nextInt(3);
        lines.add(line);
        views.add(new LineView(lineNo, skus[product], names[product], line.quantity(), line.unitPriceCents()));
      }
      linesOf.put(id, views);
    }
    insert(r, ds, orderIds, customers, productIds, skus, names, supplierOf, placedAt, customerOf, status, lines);
    List<OrderSummary> truth = new ArrayList<>();
    for (long id : orderIds) {
      List<LineView> views = linesOf.get(id);
      long total = views.stream().mapToLong(l -> l.quantity() * l.unitPriceCents()).sum();
      truth.add(new OrderSummary(id, placedAt.get(id), status.get(id), customers.get(customerOf.get(id)), views, total));
    }
    return truth;
  }

  /**
   * {@code count} distinct ids: about two in three below {@code bound}, the others beyond 2^31 (up to 2^40), with
   * distinct low 32 bits.
   */
  private static List<Long> distinctIds(Random r, int count, int bound) {
    Set<Long> ids = new LinkedHashSet<>();
    Set<Integer> low = new HashSet<>();
    while (ids.size() < count) {
      long id = r.nextInt(3) < 2 ? 1L + r.nextInt(bound) : (1L << 31) + (r.nextLong() & ((1L << 40) - 1));
      if (low.add((int) id)) {
        ids.add(id);
      }
    }
    return new ArrayList<>(ids);
  }

  /**
   * A unit price in cents: mostly tens to hundreds of euros; one line in 25 costs millions, so that a quantity of them
   * passes 2^31 cents, and one in 25 costs more than 2^31 cents on its own.
   */
  private static long price(Random r) {
    int kind = r.nextInt(25);
    if (kind == 0) {
      return 300_000_000L + r.nextInt(700_000_000);
    }
    if (kind == 1) {
      return (1L << 31) + r.nextInt(1 << 30);
    }
    return 99 + r.nextInt(40_000);
  }

  private static void insert(Random r, DataSource ds, List<Long> orderIds, Map<Long, CustomerView> customers,
      List<Long> productIds, String[] skus, String[] names, int[] supplierOf, Map<Long, Instant> placedAt, Map<Long, Long> customerOf,
      Map<Long, String> status, List<Line> lines) {
    try (Connection c = ds.getConnection()) {
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        s.execute("drop table if exists payment, order_line, orders, customer, product, supplier cascade");
        for (String ddl : SCHEMA) {
          s.execute(ddl);
        }
      }
      try (PreparedStatement p = c.prepareStatement("insert into supplier values (?, ?, ?)")) {
        for (int id = 1; id <= SUPPLIERS; id++) {
          p.setLong(1, id);
          p.setString(2, "Supplier " + id);
          p.setString(3, id % 2 == 0 ? "SE" : "PT");
          p.addBatch();
        }
        p.executeBatch();
      }
      try (PreparedStatement p = c.prepareStatement("insert into product values (?, ?, ?, ?)")) {
        for (int product = 1; product < skus.length; product++) {
          p.setLong(1, productIds.get(product - 1));
          p.setString(2, skus[product]);
          p.setString(3, names[product]);
          p.setLong(4, supplierOf[product]);
          p.addBatch();
        }
        p.executeBatch();
      }
      List<CustomerView> shuffledCustomers = new ArrayList<>(customers.values());
      shuffledCustomers.sort(Comparator.comparingLong(CustomerView::id));
      Collections.shuffle(shuffledCustomers, r);
      try (PreparedStatement p = c.prepareStatement("insert into customer values (?, ?, ?)")) {
        for (CustomerView customer : shuffledCustomers) {
          p.setLong(1, customer.id());
          p.setString(2, customer.name());
          p.setString(3, customer.email());
          p.addBatch();
        }
        p.executeBatch();
      }
      List<Long> shuffledOrders = new ArrayList<>(orderIds);
      Collections.shuffle(shuffledOrders, r);
      try (PreparedStatement p = c.prepareStatement("insert into orders values (?, ?, ?, ?)")) {
        for (long id : shuffledOrders) {
          p.setLong(1, id);
          p.setLong(2, customerOf.get(id));
          p.setTimestamp(3, Timestamp.from(placedAt.get(id)));
          p.setString(4, status.get(id));
          p.addBatch();
        }
        p.executeBatch();
      }
      List<Line> shuffledLines = new ArrayList<>(lines);
      Collections.shuffle(shuffledLines, r);
      try (PreparedStatement p = c.prepareStatement("insert into order_line values (?, ?, ?, ?, ?, ?)")) {
        for (Line line : shuffledLines) {
          p.setLong(1, line.id());
          p.setLong(2, line.orderId());
          p.setInt(3, line.lineNo());
          p.setLong(4, productIds.get(line.product() - 1));
          p.setInt(5, line.quantity());
          p.setLong(6, line.unitPriceCents());
          p.addBatch();
        }
        p.executeBatch();
      }
      try (PreparedStatement p = c.prepareStatement("insert into payment values (?, ?, ?, ?, ?)")) {
        long paymentId = 1;
        for (long id : shuffledOrders) {
          for (int k = r.nextInt(3); k > 0; k--) {
            p.setLong(1, paymentId++);
            p.setLong(2, id);
            p.setLong(3, 100 + r.nextInt(100_000));
            p.setTimestamp(4, Timestamp.from(placedAt.get(id).plusSeconds(60L + r.nextInt(86_400))));
            p.setString(5, r.nextBoolean() ? "CARD" : "INVOICE");
            p.addBatch();
          }
        }
        p.executeBatch();
      }
      try (Statement s = c.createStatement()) {
        s.execute("analyze");
      }
      c.commit();
    } catch (SQLException e) {
      throw new IllegalStateException("could not build the order database: " + e.getMessage(), e);
    }
  }

  /** The exercise's schema.sql, kept here so the hidden tests do not depend on the submission's copy. */
  private static final List<String> SCHEMA = List.of(
      "create table supplier (id bigint primary key, name varchar(100) not null, country char(2) not null)",
      "create table product (id bigint primary key, sku varchar(20) not null unique, name varchar(200) not null,"
          + " supplier_id bigint not null references supplier (id))",
      "create table customer (id bigint primary key, name varchar(200) not null, email varchar(200) not null)",
      "create table orders (id bigint primary key, customer_id bigint not null references customer (id),"
          + " placed_at timestamp with time zone not null, status varchar(20) not null)",
      "create index orders_newest_first on orders (placed_at desc, id desc)",
      "create index orders_customer on orders (customer_id)",
      "create table order_line (id bigint primary key, order_id bigint not null references orders (id),"
          + " line_no int not null, product_id bigint not null references product (id), quantity int not null,"
          + " unit_price_cents bigint not null, unique (order_id, line_no))",
      "create index order_line_product on order_line (product_id)",
      "create table payment (id bigint primary key, order_id bigint not null references orders (id),"
          + " amount_cents bigint not null, paid_at timestamp with time zone not null, method varchar(20) not null)",
      "create index payment_order on payment (order_id)");
}
