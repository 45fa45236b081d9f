package com.acme.feed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.grader.support.postgres.TestDatabase;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import javax.sql.DataSource;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.context.WebServerApplicationContext;

/**
 * The service, started once for the whole test run through OrderFeedApplication on a free loopback port, over the
 * test database (TestDatabase, see README.md), as the grader's tests start it.
 */
final class TestService {

  private static TestService instance;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient CLIENT = HttpClient.newHttpClient();

  final DataSource db;
  private final int port;

  private TestService(DataSource db, int port) {
    this.db = db;
    this.port = port;
  }

  static synchronized TestService get() {
    if (instance == null) {
      DataSource db = TestDatabase.dataSource();
      SpringApplication app = new SpringApplication(OrderFeedApplication.class);
      app.addInitializers(ctx -> ctx.getBeanFactory().registerSingleton("dataSource", db));
      var ctx = app.run("--server.port=0", "--server.address=127.0.0.1", "--spring.sql.init.mode=always");
      instance = new TestService(db, ((WebServerApplicationContext) ctx).getWebServer().getPort());
    }
    return instance;
  }

  void clear() throws SQLException {
    try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
      s.execute("TRUNCATE orders");
    }
  }

  void insert(long id, String customer, String status, long totalCents, Instant createdAt) throws SQLException {
    try (Connection c = db.getConnection();
        PreparedStatement ps = c.prepareStatement(
            "INSERT INTO orders (id, customer, status, total_cents, created_at) VALUES (?, ?, ?, ?, ?)")) {
      ps.setLong(1, id);
      ps.setString(2, customer);
      ps.setString(3, status);
      ps.setLong(4, totalCents);
      ps.setTimestamp(5, Timestamp.from(createdAt));
      ps.executeUpdate();
    }
  }

  /** GET path (with its query, already encoded): the status and the JSON body (null when there is none). */
  record Reply(int status, JsonNode json) {}

  Reply get(String pathAndQuery) throws IOException, InterruptedException {
    HttpResponse<String> r = CLIENT.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery)).build(),
        HttpResponse.BodyHandlers.ofString());
    JsonNode json = null;
    try {
      json = r.body().isEmpty() ? null : JSON.readTree(r.body());
    } catch (IOException notJson) {
      // stays null
    }
    return new Reply(r.statusCode(), json);
  }
}
