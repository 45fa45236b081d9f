package com.acme.payments.hidden;

import static org.junit.jupiter.api.Assertions.fail;

import com.acme.payments.PaymentService;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.grader.support.Seeds;
import dev.grader.support.postgres.ReusedConnections;
import dev.grader.support.postgres.TestDatabase;
import dev.grader.support.wiremock.FlakyDownstream;
import dev.grader.support.wiremock.Hold;
import dev.grader.support.wiremock.ReceivedRequest;
import dev.grader.support.wiremock.Reply;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/** The service under test on a loopback port, the fake provider, and a client. */
final class Harness implements AutoCloseable {

  static {
    // The JDK's HTTP server writes a response's headers and body in separate packets; without TCP_NODELAY each
    // response waits ~40 ms for the client's delayed ACK (Nagle). Read once, when the first server starts.
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  /** The provider timeout the service is started with: far beyond any provider call that is not held. */
  static final Duration PROVIDER_TIMEOUT = Duration.ofMillis(1500);
  /**
   * The provider timeout of the service that a timeout test starts, so that the test waits only this long for it:
   * still far beyond a provider call that is not held (a few milliseconds on loopback).
   */
  static final Duration SHORT_PROVIDER_TIMEOUT = Duration.ofMillis(300);
  /**
   * The longest a charge held past {@link #SHORT_PROVIDER_TIMEOUT} stays held: the test releases it as soon as the
   * service gave up on it; only a service that ignores its timeout waits this long (and gets the charge's answer).
   */
  static final Duration BEYOND_SHORT_TIMEOUT = Duration.ofMillis(1200);
  static final String CHARGES = "/charges";

  private static final ObjectMapper JSON = new ObjectMapper();
  /** This JVM's test database, its connections reused: a new PostgreSQL connection costs several milliseconds. */
  private static DataSource database;
  private static final AtomicInteger CHARGE_IDS = new AtomicInteger();
  static final HttpClient CLIENT = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5))
      .build();

  final DataSource dataSource;
  /** The DataSource the services get: {@link #dataSource} behind a door a test can arm ({@link ArrivalGate}). */
  final ArrivalGate gate;
  final FlakyDownstream provider;
  final ManualClock clock;
  final Random random;
  private final List<PaymentService> services = new ArrayList<>();
  PaymentService service;

  Harness(FlakyDownstream provider, String purpose) throws IOException {
    this.dataSource = database();
    this.gate = new ArrivalGate(dataSource);
    this.provider = provider;
    this.random = Seeds.random(purpose);
    this.clock = ManualClock.randomStart(random);
    this.service = startService();
  }

  /**
   * The test database's connections, reused ({@link ReusedConnections}: a connection handed back is reset to what a new
   * one would be, an open transaction rolled back, session state and advisory locks dropped).
   */
  private static synchronized DataSource database() {
    if (database == null) {
      database = ReusedConnections.over(TestDatabase.dataSource());
    }
    return database;
  }

  /** Another instance of the service over the same database, provider and clock. */
  PaymentService startService() throws IOException {
    return startService(PROVIDER_TIMEOUT);
  }

  /** Another instance of the service over the same database, provider and clock, with this provider timeout. */
  PaymentService startService(Duration providerTimeout) throws IOException {
    PaymentService started = PaymentService.start(gate, URI.create(provider.baseUrl()), clock,
        providerTimeout, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    services.add(started);
    return started;
  }

  @Override
  public void close() {
    for (PaymentService s : services) {
      try {
        s.close();
      } catch (RuntimeException ignored) {
        // best effort
      }
    }
  }

  // ------------------------------------------------------------------ data

  String clientId() {
    return "client-" + Long.toHexString(random.nextLong() & Long.MAX_VALUE);
  }

  String key() {
    return "key-" + Long.toHexString(random.nextLong() & Long.MAX_VALUE) + "-" + random.nextInt(1000);
  }

  String reference() {
    return "order-" + (100_000 + random.nextInt(900_000));
  }

  long amount() {
    return 100 + random.nextInt(99_900);
  }

  /** Whether {@code body} is an error response's body as the brief has it: a JSON object with a string "error". */
  static boolean isErrorBody(String body) {
    try {
      JsonNode node = JSON.readTree(body == null ? "" : body);
      return node != null && node.isObject() && node.path("error").isTextual();
    } catch (IOException e) {
      return false;
    }
  }

  static String body(long amount, String currency, String reference) {
    return "{\"amount\":" + amount + ",\"currency\":\"" + currency + "\",\"reference\":\"" + reference + "\"}";
  }

  String body() {
    return body(amount(), "EUR", reference());
  }

  /** The provider charges successfully, every time, at once. */
  void providerCharges() {
    provider.stub("POST", CHARGES, chargeReply());
  }

  /**
   * The provider charges successfully, every time, but holds its answer until the test releases
   * {@code hold} (or the hold's longest wait passes): the charge is in progress as long as the test
   * needs it to be.
   */
  void providerChargesHeldBy(Hold hold) {
    provider.stub("POST", CHARGES, chargeReply().heldBy(hold));
  }

  static Reply chargeReply() {
    return Reply.json(201, "{\"id\":\"ch_" + CHARGE_IDS.incrementAndGet() + "\",\"status\":\"succeeded\"}");
  }

  // ------------------------------------------------------------------ HTTP

  record Resp(int status, String body) {
    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        return null;
      }
    }

    String paymentId() {
      JsonNode json = json();
      return json == null || json.get("id") == null ? null : json.get("id").asText();
    }

    /**
     * This answer is {@code first} answered again: its status and its payment. Whether it is the same bytes is the
     * replay rule's own test's; tests of other rules that retry a finished request ask only this of the replay.
     */
    boolean repeats(Resp first) {
      return status == first.status() && paymentId() != null && paymentId().equals(first.paymentId());
    }

    @Override
    public String toString() {
      return status + " " + (body.length() > 300 ? body.substring(0, 300) + "..." : body);
    }
  }

  HttpRequest request(PaymentService target, String client, String key, String body) {
    HttpRequest.Builder b = HttpRequest.newBuilder(target.baseUri().resolve("/payments"))
        .timeout(Duration.ofSeconds(10))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (client != null) {
      b.header("X-Client-Id", client);
    }
    if (key != null) {
      b.header("Idempotency-Key", key);
    }
    return b.build();
  }

  Resp post(PaymentService target, String client, String key, String body) {
    try {
      HttpResponse<String> r = CLIENT.send(request(target, client, key, body), HttpResponse.BodyHandlers.ofString());
      return new Resp(r.statusCode(), r.body());
    } catch (IOException e) {
      return fail("POST /payments got no HTTP response: the service closed the connection without answering (an"
          + " exception escaped its handler?); every request gets an answer, and a conflict is never a 500 or a dropped"
          + " connection. The client saw: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return fail("interrupted");
    }
  }

  Resp post(String client, String key, String body) {
    return post(service, client, key, body);
  }

  // ------------------------------------------------------------------ what happened

  int charges() {
    return provider.count("POST", CHARGES);
  }

  /** Provider requests, waiting a little for ones a client gave up on to be logged. */
  int chargesAtLeast(int atLeast) {
    return provider.awaitCount("POST", CHARGES, atLeast, Duration.ofSeconds(2));
  }

  /**
   * The charges the provider really made: like the brief's provider it deduplicates on its Idempotency-Key, so
   * requests that carry the same provider key are one charge (requests without a key count one each).
   */
  int distinctCharges() {
    List<String> keys = downstreamKeys();
    long withoutKey = keys.stream().filter(k -> k == null).count();
    return (int) (keys.stream().filter(k -> k != null).distinct().count() + withoutKey);
  }

  /** The charge requests the provider received. */
  List<ReceivedRequest> chargeRequests() {
    return provider.requests("POST", CHARGES);
  }

  /** The stored payments of a client: amount, currency, reference, charge_id per row. */
  List<List<String>> paymentRows(String client) {
    List<List<String>> rows = new ArrayList<>();
    try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
        "SELECT amount, currency, reference, charge_id FROM payments WHERE client_id = ? ORDER BY id")) {
      s.setString(1, client);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          rows.add(List.of(Long.toString(rs.getLong(1)), rs.getString(2), rs.getString(3), rs.getString(4)));
        }
      }
    } catch (SQLException e) {
      fail("could not read the payments table: " + e.getMessage());
    }
    return rows;
  }

  List<String> downstreamKeys() {
    return provider.headerOfEach("POST", CHARGES, "Idempotency-Key");
  }

  int payments(String client) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement("SELECT count(*) FROM payments WHERE client_id = ?")) {
      s.setString(1, client);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    } catch (SQLException e) {
      return fail("could not count the payments table (is Schema.PAYMENTS_DDL applied?): " + e.getMessage());
    }
  }

  List<String> paymentIds(String client) {
    List<String> ids = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement("SELECT id FROM payments WHERE client_id = ? ORDER BY id")) {
      s.setString(1, client);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          ids.add(rs.getString(1));
        }
      }
    } catch (SQLException e) {
      fail("could not read the payments table: " + e.getMessage());
    }
    return ids;
  }
}
