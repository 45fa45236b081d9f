package com.acme.payments;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The idempotent charge: one row per (client, Idempotency-Key) in {@code idempotency_keys}.
 *
 * <p>A key's row is created (committed) before anything else; "in progress" is a row lock held by the one
 * request that calls the provider, taken with {@code NOWAIT} so that every other request sees it at once
 * (409) instead of waiting, on any instance. The lock goes away with its transaction, so a crash or a
 * provider failure never leaves a key stuck. A key is final only once it holds the 201 response.
 */
final class IdempotentPayments {

  static final Duration RETENTION = Duration.ofHours(24);

  private static final String KEYS_DDL = """
      CREATE TABLE IF NOT EXISTS idempotency_keys (
        client_id       TEXT    NOT NULL,
        idem_key        TEXT    NOT NULL,
        payload         TEXT    NOT NULL,
        provider_key    TEXT    NOT NULL,
        first_seen_sec  BIGINT  NOT NULL,
        first_seen_nano INTEGER NOT NULL,
        response_status INTEGER,
        response_body   BYTEA,
        PRIMARY KEY (client_id, idem_key)
      )""";

  private static final String LOCK_NOT_AVAILABLE = "55P03";

  /** An answer to send: status and body bytes. */
  record Response(int status, byte[] body) {
    static Response error(int status, String message) {
      ObjectNode node = PaymentRequest.JSON.createObjectNode();
      node.put("error", message);
      try {
        return new Response(status, PaymentRequest.JSON.writeValueAsBytes(node));
      } catch (JsonProcessingException e) {
        return new Response(status, "{\"error\":\"error\"}".getBytes(StandardCharsets.UTF_8));
      }
    }
  }

  private record KeyRow(String payload, String providerKey, Instant firstSeen, Integer status, byte[] body) {
    boolean expired(Instant now) {
      return now.isAfter(firstSeen.plus(RETENTION));
    }

    boolean done() {
      return status != null;
    }
  }

  private final DataSource dataSource;
  private final ProviderClient provider;
  private final Clock clock;

  IdempotentPayments(DataSource dataSource, ProviderClient provider, Clock clock) {
    this.dataSource = dataSource;
    this.provider = provider;
    this.clock = clock;
  }

  static void createTables(DataSource dataSource) {
    SQLException last = null;
    for (int attempt = 0; attempt < 5; attempt++) {
      try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
        s.execute(KEYS_DDL);
        return;
      } catch (SQLException e) {
        last = e; // two instances creating the table at once: try again, it exists now
      }
    }
    throw new IllegalStateException("could not create the idempotency table: " + last.getMessage(), last);
  }

  Response pay(String clientId, String key, PaymentRequest request) throws SQLException {
    Instant now = clock.instant();
    String payload = request.canonicalJson();
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(true);
      for (int attempt = 0; attempt < 5; attempt++) {
        KeyRow row = read(c, clientId, key, false);
        if (row == null) {
          insertIfAbsent(c, clientId, key, payload, now);
          continue;
        }
        if (!row.expired(now)) {
          if (!row.payload().equals(payload)) {
            return conflictingPayload();
          }
          if (row.done()) {
            return new Response(row.status(), row.body());
          }
        }
        c.setAutoCommit(false);
        try {
          KeyRow locked;
          try {
            locked = read(c, clientId, key, true);
          } catch (SQLException e) {
            if (LOCK_NOT_AVAILABLE.equals(e.getSQLState())) {
              c.rollback();
              return inProgress();
            }
            throw e;
          }
          if (locked == null) {
            c.rollback();
            continue;
          }
          if (locked.expired(now)) {
            restart(c, clientId, key, payload, now);
            c.commit();
            continue;
          }
          if (!locked.payload().equals(payload)) {
            c.rollback();
            return conflictingPayload();
          }
          if (locked.done()) {
            c.rollback();
            return new Response(locked.status(), locked.body());
          }
          return charge(c, clientId, key, request, locked.providerKey(), payload, now);
        } catch (SQLException | RuntimeException e) {
          safeRollback(c);
          throw e;
        } finally {
          c.setAutoCommit(true);
        }
      }
      return inProgress();
    }
  }

  /** Calls the provider while holding the key's lock; on success stores the payment and the answer. */
  private Response charge(Connection c, String clientId, String key, PaymentRequest request, String providerKey,
      String payload, Instant now) throws SQLException {
    ProviderClient.Result result = provider.charge(providerKey, payload);
    switch (result.outcome()) {
      case TIMED_OUT -> {
        c.rollback();
        return Response.error(504, result.detail());
      }
      case FAILED -> {
        c.rollback();
        return Response.error(502, result.detail());
      }
      default -> { }
    }
    String paymentId = "pay_" + UUID.randomUUID();
    OffsetDateTime createdAt = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
    ObjectNode node = PaymentRequest.JSON.createObjectNode();
    node.put("id", paymentId);
    node.put("client_id", clientId);
    node.put("amount", request.amount);
    node.put("currency", request.currency);
    node.put("reference", request.reference);
    node.put("charge_id", result.chargeId());
    node.put("status", "succeeded");
    node.put("created_at", createdAt.toString());
    byte[] body;
    try {
      body = PaymentRequest.JSON.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO payments (id, client_id, amount, currency, reference, charge_id, created_at)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?)")) {
      ps.setString(1, paymentId);
      ps.setString(2, clientId);
      ps.setLong(3, request.amount);
      ps.setString(4, request.currency);
      ps.setString(5, request.reference);
      ps.setString(6, result.chargeId());
      ps.setObject(7, createdAt);
      ps.executeUpdate();
    }
    try (PreparedStatement ps = c.prepareStatement(
        "UPDATE idempotency_keys SET response_status = ?, response_body = ? WHERE client_id = ? AND idem_key = ?")) {
      ps.setInt(1, 201);
      ps.setBytes(2, body);
      ps.setString(3, clientId);
      ps.setString(4, key);
      ps.executeUpdate();
    }
    c.commit();
    return new Response(201, body);
  }

  private static KeyRow read(Connection c, String clientId, String key, boolean lock) throws SQLException {
    String sql = "SELECT payload, provider_key, first_seen_sec, first_seen_nano, response_status, response_body"
        + " FROM idempotency_keys WHERE client_id = ? AND idem_key = ?" + (lock ? " FOR UPDATE NOWAIT" : "");
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, clientId);
      ps.setString(2, key);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return null;
        }
        int status = rs.getInt(5);
        Integer responseStatus = rs.wasNull() ? null : status;
        return new KeyRow(rs.getString(1), rs.getString(2),
            Instant.ofEpochSecond(rs.getLong(3), rs.getInt(4)), responseStatus, rs.getBytes(6));
      }
    }
  }

  private static void insertIfAbsent(Connection c, String clientId, String key, String payload, Instant now)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO idempotency_keys (client_id, idem_key, payload, provider_key, first_seen_sec, first_seen_nano)"
            + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (client_id, idem_key) DO NOTHING")) {
      ps.setString(1, clientId);
      ps.setString(2, key);
      ps.setString(3, payload);
      ps.setString(4, UUID.randomUUID().toString());
      ps.setLong(5, now.getEpochSecond());
      ps.setInt(6, now.getNano());
      ps.executeUpdate();
    }
  }

  /** A key past its retention counts as new: new payload, new provider key (a new charge), new first request. */
  private static void restart(Connection c, String clientId, String key, String payload, Instant now)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "UPDATE idempotency_keys SET payload = ?, provider_key = ?, first_seen_sec = ?, first_seen_nano = ?,"
            + " response_status = NULL, response_body = NULL WHERE client_id = ? AND idem_key = ?")) {
      ps.setString(1, payload);
      ps.setString(2, UUID.randomUUID().toString());
      ps.setLong(3, now.getEpochSecond());
      ps.setInt(4, now.getNano());
      ps.setString(5, clientId);
      ps.setString(6, key);
      ps.executeUpdate();
    }
  }

  private static void safeRollback(Connection c) {
    try {
      c.rollback();
    } catch (SQLException ignored) {
      // the connection is closed right after
    }
  }

  private static Response inProgress() {
    return Response.error(409, "a request with this Idempotency-Key is still in progress");
  }

  private static Response conflictingPayload() {
    return Response.error(422, "this Idempotency-Key was used with a different payload");
  }
}
