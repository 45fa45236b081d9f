package com.acme.feed.hidden;

import com.acme.feed.OrderFeedApplication;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.grader.support.postgres.PlannerSettings;
import dev.grader.support.postgres.ReusedConnections;
import dev.grader.support.postgres.TestDatabase;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The candidate's service, started once per test JVM through its {@code OrderFeedApplication} on a loopback port, over
 * this JVM's database (a DataSource bean of ours that counts statements and rows); and a client for it.
 */
final class Api {

  private static Api instance;
  private static RuntimeException startFailure;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient CLIENT = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5))
      .build();

  final DataSource db;
  final CountingDataSource counted;
  private final int port;
  private final ConfigurableApplicationContext context;

  private Api(DataSource db, CountingDataSource counted, int port, ConfigurableApplicationContext context) {
    this.db = db;
    this.counted = counted;
    this.port = port;
    this.context = context;
  }

  /**
   * On every test class: the service started for the run is stopped when the whole run ends (JUnit closes the root
   * store then), so that its web server's threads do not outlive the tests.
   */
  static final class StopAtEnd implements BeforeAllCallback {
    @Override
    public void beforeAll(ExtensionContext context) {
      context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).getOrComputeIfAbsent(
          StopAtEnd.class, k -> (ExtensionContext.Store.CloseableResource) Api::stop);
    }
  }

  private static synchronized void stop() {
    if (instance != null) {
      instance.context.close();
      instance = null;
    }
  }

  /** The running service (started on first use; a service that cannot start fails every test that needs it). */
  static synchronized Api get() {
    if (instance != null) {
      return instance;
    }
    if (startFailure != null) {
      throw startFailure;
    }
    try {
      // Ties on created_at come back in a sort's order, not the index's: only a query naming the tie-break is right.
      PlannerSettings.withoutIndexes(TestDatabase.dataSource());
      // Connections reused (reset between uses): a new PostgreSQL connection costs about 20 ms, and every request of
      // the service and every set-up of the tests would open one.
      DataSource db = ReusedConnections.over(TestDatabase.dataSource());
      CountingDataSource counted = new CountingDataSource(db);
      SpringApplication app = new SpringApplication(OrderFeedApplication.class);
      app.addInitializers(ctx -> ctx.getBeanFactory().registerSingleton("dataSource", counted.proxy()));
      ConfigurableApplicationContext ctx = app.run(
          "--server.port=0",
          "--server.address=127.0.0.1",
          "--spring.main.banner-mode=off",
          "--spring.sql.init.mode=always",
          "--logging.level.root=WARN");
      int port = ((WebServerApplicationContext) ctx).getWebServer().getPort();
      instance = new Api(db, counted, port, ctx);
      return instance;
    } catch (RuntimeException e) {
      startFailure = new IllegalStateException("the service did not start through OrderFeedApplication: " + e, e);
      throw startFailure;
    }
  }

  /** The orders table holds exactly {@code orders} (the schema is the service's own, created at its start). */
  void replaceOrders(Collection<Order> orders) throws SQLException {
    try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
      s.execute("TRUNCATE orders");
    }
    insert(orders);
  }

  void insert(Collection<Order> orders) throws SQLException {
    try (Connection c = db.getConnection();
        PreparedStatement ps = c.prepareStatement(
            "INSERT INTO orders (id, customer, status, total_cents, created_at) VALUES (?, ?, ?, ?, ?)")) {
      for (Order o : orders) {
        ps.setLong(1, o.id());
        ps.setString(2, o.customer());
        ps.setString(3, o.status());
        ps.setLong(4, o.totalCents());
        ps.setTimestamp(5, Timestamp.from(o.createdAt()));
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  void delete(long id) throws SQLException {
    try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("DELETE FROM orders WHERE id = ?")) {
      ps.setLong(1, id);
      ps.executeUpdate();
    }
  }

  /** An answer of the service: its status and, when it is JSON, its body. */
  record Reply(int status, String body, JsonNode json) {}

  /** GET /orders with these query parameters (null values left out), each URL-encoded. */
  Reply orders(Map<String, String> params) {
    StringBuilder query = new StringBuilder();
    params.forEach((k, v) -> {
      if (v != null) {
        query.append(query.length() == 0 ? "?" : "&")
            .append(k)
            .append('=')
            .append(URLEncoder.encode(v, StandardCharsets.UTF_8));
      }
    });
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/orders" + query))
        .timeout(Duration.ofSeconds(10))
        .GET()
        .build();
    try {
      HttpResponse<String> r = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
      JsonNode json = null;
      try {
        json = r.body().isEmpty() ? null : JSON.readTree(r.body());
      } catch (IOException notJson) {
        // left null: the tests say what they expected
      }
      return new Reply(r.statusCode(), r.body(), json);
    } catch (IOException e) {
      throw new AssertionError("GET /orders" + query + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  static Map<String, String> params(String status, Object limit, String cursor) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("status", status);
    p.put("limit", limit == null ? null : limit.toString());
    p.put("cursor", cursor);
    return p;
  }

  /** A page the service answered with 200, read as the brief describes it. */
  record Page(List<Long> ids, List<JsonNode> items, String nextCursor, boolean hasNextCursorField) {}

  /** GET /orders that must answer 200 with a page. */
  Page page(String status, Object limit, String cursor, String what) {
    Reply r = orders(params(status, limit, cursor));
    if (r.status() != 200 || r.json() == null || !r.json().path("items").isArray()) {
      throw new AssertionError(what + ": expected 200 with {\"items\": [...], \"next_cursor\": ...}, got " + r.status()
          + " " + abbreviate(r.body()));
    }
    List<Long> ids = new ArrayList<>();
    List<JsonNode> items = new ArrayList<>();
    r.json().get("items").forEach(item -> {
      items.add(item);
      ids.add(item.path("id").asLong(Long.MIN_VALUE));
    });
    JsonNode next = r.json().get("next_cursor");
    return new Page(ids, items, next == null || next.isNull() ? null : next.asText(), next != null);
  }

  static String abbreviate(String body) {
    return body.length() <= 200 ? body : body.substring(0, 200) + "...";
  }
}
