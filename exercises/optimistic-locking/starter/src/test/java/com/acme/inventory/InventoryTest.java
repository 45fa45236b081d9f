package com.acme.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.grader.support.postgres.TestDatabase;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Visible tests: a few of the rules in README.md, on a real PostgreSQL database from {@link TestDatabase}
 * (Testcontainers when Docker runs, else embedded PostgreSQL, or your own server through GRADER_DB_URL).
 */
class InventoryTest {

  private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private static DataSource dataSource;
  private static InventoryService service;
  private static InventoryServer server;

  @BeforeAll
  static void start() throws Exception {
    dataSource = TestDatabase.newDatabase();
    Schema.apply(dataSource);
    service = new InventoryService(dataSource, 3);
    server = InventoryServer.start(service, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void getAnswersWithTheVersionAsAStrongEtag() throws Exception {
    Item item = service.create("Blue mug", 12);
    HttpResponse<String> r = send(request(item.id()).GET());
    assertEquals(200, r.statusCode());
    assertEquals("\"1\"", r.headers().firstValue("ETag").orElse(null), "a new item is at version 1: ETag \"1\"");
  }

  @Test
  void putWithTheCurrentEtagWritesAndBumpsTheVersion() throws Exception {
    Item item = service.create("Red mug", 5);
    HttpResponse<String> r = send(request(item.id()).header("If-Match", "\"1\"")
        .PUT(HttpRequest.BodyPublishers.ofString("{\"name\":\"Red mug XL\",\"stock\":4}")));
    assertEquals(200, r.statusCode(), r.body());
    assertEquals("\"2\"", r.headers().firstValue("ETag").orElse(null), "the ETag after the write");
    assertEquals(new Item(item.id(), "Red mug XL", 4, 2), service.find(item.id()).orElseThrow());
  }

  @Test
  void theSecondOfTwoWritersThatReadTheSameVersionGets412() throws Exception {
    Item item = service.create("Teapot", 3);
    String etag = send(request(item.id()).GET()).headers().firstValue("ETag").orElse("\"1\"");
    HttpResponse<String> first = send(request(item.id()).header("If-Match", etag)
        .PUT(HttpRequest.BodyPublishers.ofString("{\"name\":\"Teapot\",\"stock\":2}")));
    HttpResponse<String> second = send(request(item.id()).header("If-Match", etag)
        .PUT(HttpRequest.BodyPublishers.ofString("{\"name\":\"Big teapot\",\"stock\":3}")));
    assertEquals(200, first.statusCode(), "first writer");
    assertEquals(412, second.statusCode(), "second writer, whose If-Match is stale now");
    assertEquals(new Item(item.id(), "Teapot", 2, 2), service.find(item.id()).orElseThrow(), "the first write stays");
  }

  @Test
  void aWriteWithoutIfMatchGets428() throws Exception {
    Item item = service.create("Saucer", 30);
    HttpResponse<String> r = send(request(item.id())
        .PUT(HttpRequest.BodyPublishers.ofString("{\"name\":\"Saucer\",\"stock\":0,\"version\":1}")));
    assertEquals(428, r.statusCode(), "a version in the body does not replace If-Match");
    assertEquals(item, service.find(item.id()).orElseThrow(), "nothing changes");
  }

  @Test
  void aStaleDeleteIsRefused() throws Exception {
    Item item = service.create("Spoon", 100);
    service.replace(item.id(), 1, "Teaspoon", 100);
    HttpResponse<String> r = send(request(item.id()).header("If-Match", "\"1\"").DELETE());
    assertEquals(412, r.statusCode());
    assertEquals(2, service.find(item.id()).orElseThrow().version(), "the row survives");
  }

  @Test
  void updateRetriesWithAFreshReadAfterLosingARace() throws Exception {
    Item item = service.create("Fork", 10);
    AtomicInteger calls = new AtomicInteger();
    Item result = service.update(item.id(), current -> {
      if (calls.incrementAndGet() == 1) {
        otherClientAddsStock(item.id(), 5); // commits while the first attempt is between its read and its write
      }
      return current.withStock(current.stock() - 1);
    });
    assertEquals(2, calls.get(), "calls of the change function: one lost race, one success");
    assertEquals(new Item(item.id(), "Fork", 14, 3), result);
  }

  @Test
  void updateGivesUpAfterMaxAttempts() {
    Item item = service.create("Knife", 10);
    AtomicInteger calls = new AtomicInteger();
    assertThrows(ConcurrentUpdateException.class, () -> service.update(item.id(), current -> {
      calls.incrementAndGet();
      otherClientAddsStock(item.id(), 1);
      return current.withName("Sharp knife");
    }));
    assertEquals(3, calls.get(), "maxAttempts is 3");
  }

  /** Another instance of the service writing the same row, straight in the database. */
  private static void otherClientAddsStock(long id, int amount) {
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
        "UPDATE item SET stock = stock + ?, version = version + 1 WHERE id = ?")) {
      ps.setInt(1, amount);
      ps.setLong(2, id);
      ps.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static HttpRequest.Builder request(long id) {
    return HttpRequest.newBuilder(URI.create(server.baseUri() + "/items/" + id))
        .header("Content-Type", "application/json");
  }

  private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
