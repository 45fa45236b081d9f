package com.acme.payments;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;

/**
 * {@code POST /payments}. A request owns its (client, key) while it holds the row lock of that key; a request that
 * cannot take the lock at once answers 409. The lock is held across the provider call and dies with the connection.
 */
final class PaymentsEndpoint implements HttpHandler {

  private static final Duration KEEP_FOR = Duration.ofHours(24);
  private static final String LOCK_NOT_AVAILABLE = "55P03";

  private final DataSource ds;
  private final ChargeGateway gateway;
  private final Clock clock;
  private final ObjectMapper mapper = new ObjectMapper();
  private final SecureRandom random = new SecureRandom();

  PaymentsEndpoint(DataSource ds, ChargeGateway gateway, Clock clock) {
    this.ds = ds;
    this.gateway = gateway;
    this.clock = clock;
  }

  ObjectMapper mapper() {
    return mapper;
  }

  @Override
  public void handle(HttpExchange ex) throws IOException {
    int status;
    String body;
    try {
      String[] answer = answer(ex);
      status = Integer.parseInt(answer[0]);
      body = answer[1];
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      status = 503;
      body = problem("interrupted");
    } catch (Exception e) {
      status = 500;
      body = problem("unexpected failure");
    }
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    try (ex; OutputStream os = sendHeaders(ex, status, bytes.length)) {
      os.write(bytes);
    }
  }

  private static OutputStream sendHeaders(HttpExchange ex, int status, int length) throws IOException {
    ex.getResponseHeaders().add("Content-Type", "application/json");
    ex.sendResponseHeaders(status, length);
    return ex.getResponseBody();
  }

  private String[] answer(HttpExchange ex) throws Exception {
    if (!ex.getRequestURI().getPath().equals("/payments")) {
      return reply(404, problem("no such resource"));
    }
    if (!ex.getRequestMethod().equalsIgnoreCase("POST")) {
      return reply(405, problem("only POST is supported"));
    }
    byte[] raw = ex.getRequestBody().readAllBytes();
    String client = ex.getRequestHeaders().getFirst("X-Client-Id");
    String key = ex.getRequestHeaders().getFirst("Idempotency-Key");
    if (client == null || client.trim().isEmpty()) {
      return reply(400, problem("missing X-Client-Id"));
    }
    if (key == null || key.length() < 1 || key.length() > 255) {
      return reply(400, problem("Idempotency-Key must be 1 to 255 characters"));
    }
    Payload payload;
    try {
      payload = Payload.read(mapper, raw);
    } catch (Payload.Rejected r) {
      return reply(400, problem(r.getMessage()));
    }
    return charge(client, key, payload);
  }

  private String[] charge(String client, String key, Payload payload) throws Exception {
    Instant now = clock.instant();
    String digest = payload.digest();
    try (Connection db = ds.getConnection()) {
      if (!KeyTable.exists(db, client, key)) {
        KeyTable.insertIfAbsent(db, client, key, digest, now);
      }
      db.setAutoCommit(false);
      KeyTable.Entry entry;
      try {
        entry = KeyTable.lockNoWait(db, client, key);
      } catch (SQLException e) {
        db.rollback();
        if (LOCK_NOT_AVAILABLE.equals(e.getSQLState())) {
          db.setAutoCommit(true);
          return busy(db, client, key, digest, now);
        }
        throw e;
      }
      try {
        if (entry == null) {
          throw new SQLException("request_keys row missing");
        }
        if (now.isAfter(entry.openedAt.plus(KEEP_FOR))) {
          entry = KeyTable.reopen(db, client, key, digest, now);
        } else if (!entry.digest.equals(digest)) {
          db.rollback();
          return reply(422, problem("Idempotency-Key already used with a different payload"));
        } else if (entry.replayStatus != null) {
          db.rollback();
          return reply(entry.replayStatus, entry.replayBody);
        }
        ChargeGateway.Result result = gateway.charge(entry.chargeKey.toString(), payload);
        switch (result.verdict) {
          case CHARGED: {
            String created = succeed(db, client, key, payload, result.chargeId);
            db.commit();
            return reply(201, created);
          }
          case NO_ANSWER:
            db.commit(); // keeps a reopened key's new charge key for the retry
            return reply(504, problem("payment provider timed out"));
          default:
            db.commit();
            return reply(502, problem("payment provider error"));
        }
      } catch (Exception e) {
        db.rollback();
        throw e;
      }
    }
  }

  /** Someone else holds the key right now. */
  private String[] busy(Connection db, String client, String key, String digest, Instant now) throws SQLException {
    KeyTable.Entry seen = KeyTable.peek(db, client, key);
    if (seen != null && !now.isAfter(seen.openedAt.plus(KEEP_FOR)) && !seen.digest.equals(digest)) {
      return reply(422, problem("Idempotency-Key already used with a different payload"));
    }
    return reply(409, problem("a request with this Idempotency-Key is in progress"));
  }

  private String succeed(Connection db, String client, String key, Payload payload, String chargeId)
      throws SQLException, JsonProcessingException {
    byte[] idBytes = new byte[12];
    random.nextBytes(idBytes);
    String paymentId = "pmt_" + HexFormat.of().formatHex(idBytes);
    Instant at = clock.instant();
    try (PreparedStatement ps = db.prepareStatement(
        "INSERT INTO payments (id, client_id, amount, currency, reference, charge_id, created_at) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?)")) {
      ps.setString(1, paymentId);
      ps.setString(2, client);
      ps.setLong(3, payload.amount);
      ps.setString(4, payload.currency);
      ps.setString(5, payload.reference);
      ps.setString(6, chargeId);
      ps.setTimestamp(7, Timestamp.from(at));
      ps.executeUpdate();
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", paymentId);
    out.put("charge_id", chargeId);
    out.put("amount", payload.amount);
    out.put("currency", payload.currency);
    out.put("reference", payload.reference);
    out.put("created_at", at.toString());
    String json = mapper.writeValueAsString(out);
    KeyTable.recordAnswer(db, client, key, 201, json);
    return json;
  }

  private static String[] reply(int status, String body) {
    return new String[] {Integer.toString(status), body};
  }

  private String problem(String message) {
    try {
      return mapper.writeValueAsString(Map.of("error", message));
    } catch (JsonProcessingException e) {
      return "{\"error\":\"internal\"}";
    }
  }
}
