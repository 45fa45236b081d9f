package com.acme.payments;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The idempotency keys, in the database: one row per (client, key), claimed by exactly one request at a time.
 */
final class IdempotencyStore {

  static final Duration RETENTION = Duration.ofHours(24);

  private static final String DDL = """
      CREATE TABLE IF NOT EXISTS idempotency_keys (
        client_id         TEXT    NOT NULL,
        idem_key          TEXT    NOT NULL,
        fingerprint       TEXT    NOT NULL,
        provider_key      TEXT    NOT NULL,
        state             TEXT    NOT NULL,
        first_seen_second BIGINT  NOT NULL,
        first_seen_nano   INTEGER NOT NULL,
        response_status   INTEGER,
        response_body     BYTEA,
        payment_id        TEXT,
        PRIMARY KEY (client_id, idem_key)
      )""";

  static final String IN_PROGRESS = "IN_PROGRESS";
  static final String RETRYABLE = "RETRYABLE";
  static final String COMPLETED = "COMPLETED";

  /** What a request may do with its key. */
  sealed interface Claim permits Owner, Replay, InProgress, Mismatch {}

  /** This request owns the key and may charge, with this provider key. */
  record Owner(String providerKey) implements Claim {}

  /** The key's first request finished: answer this. */
  record Replay(int status, byte[] body) implements Claim {}

  /** Another request with this key is in progress. */
  record InProgress() implements Claim {}

  /** The key was used with another payload. */
  record Mismatch() implements Claim {}

  private final DataSource dataSource;

  IdempotencyStore(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  void createTable() {
    SQLException last = null;
    for (int attempt = 0; attempt < 5; attempt++) {
      try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
        s.execute(DDL);
        return;
      } catch (SQLException e) {
        last = e; // two instances creating the table at once: the loser retries
      }
    }
    throw new IllegalStateException("could not create the idempotency table: " + last.getMessage(), last);
  }

  /** Decides, atomically and across instances, what this request may do with (client, key). */
  Claim claim(String clientId, String key, String fingerprint, Instant now) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        Claim claim = claim(c, clientId, key, fingerprint, now);
        c.commit();
        return claim;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    }
  }

  private Claim claim(Connection c, String clientId, String key, String fingerprint, Instant now)
      throws SQLException {
    String providerKey = newProviderKey();
    try (PreparedStatement insert = c.prepareStatement("""
        INSERT INTO idempotency_keys
          (client_id, idem_key, fingerprint, provider_key, state, first_seen_second, first_seen_nano)
        VALUES (?, ?, ?, ?, 'IN_PROGRESS', ?, ?)
        ON CONFLICT (client_id, idem_key) DO NOTHING""")) {
      insert.setString(1, clientId);
      insert.setString(2, key);
      insert.setString(3, fingerprint);
      insert.setString(4, providerKey);
      insert.setLong(5, now.getEpochSecond());
      insert.setInt(6, now.getNano());
      if (insert.executeUpdate() == 1) {
        return new Owner(providerKey);
      }
    }
    try (PreparedStatement select = c.prepareStatement("""
        SELECT fingerprint, provider_key, state, first_seen_second, first_seen_nano, response_status, response_body
        FROM idempotency_keys WHERE client_id = ? AND idem_key = ? FOR UPDATE""")) {
      select.setString(1, clientId);
      select.setString(2, key);
      try (ResultSet rs = select.executeQuery()) {
        if (!rs.next()) {
          throw new SQLException("idempotency key vanished while claiming it");
        }
        Instant firstSeen = Instant.ofEpochSecond(rs.getLong("first_seen_second"), rs.getInt("first_seen_nano"));
        if (now.isAfter(firstSeen.plus(RETENTION))) {
          restart(c, clientId, key, fingerprint, providerKey, now);
          return new Owner(providerKey);
        }
        if (!rs.getString("fingerprint").equals(fingerprint)) {
          return new Mismatch();
        }
        switch (rs.getString("state")) {
          case COMPLETED:
            return new Replay(rs.getInt("response_status"), rs.getBytes("response_body"));
          case IN_PROGRESS:
            return new InProgress();
          default:
            String existing = rs.getString("provider_key");
            setState(c, clientId, key, IN_PROGRESS);
            return new Owner(existing);
        }
      }
    }
  }

  /** After retention the key counts as new: a new first request, a new provider key, no answer yet. */
  private static void restart(Connection c, String clientId, String key, String fingerprint, String providerKey,
      Instant now) throws SQLException {
    try (PreparedStatement update = c.prepareStatement("""
        UPDATE idempotency_keys
        SET fingerprint = ?, provider_key = ?, state = 'IN_PROGRESS', first_seen_second = ?, first_seen_nano = ?,
            response_status = NULL, response_body = NULL, payment_id = NULL
        WHERE client_id = ? AND idem_key = ?""")) {
      update.setString(1, fingerprint);
      update.setString(2, providerKey);
      update.setLong(3, now.getEpochSecond());
      update.setInt(4, now.getNano());
      update.setString(5, clientId);
      update.setString(6, key);
      update.executeUpdate();
    }
  }

  private static void setState(Connection c, String clientId, String key, String state) throws SQLException {
    try (PreparedStatement update = c.prepareStatement(
        "UPDATE idempotency_keys SET state = ? WHERE client_id = ? AND idem_key = ?")) {
      update.setString(1, state);
      update.setString(2, clientId);
      update.setString(3, key);
      update.executeUpdate();
    }
  }

  /** Stores the payment and the answer to replay, in one transaction. */
  void complete(String clientId, String key, String providerKey, String paymentId, PaymentRequest request,
      String chargeId, Instant createdAt, int status, byte[] body) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        try (PreparedStatement insert = c.prepareStatement("""
            INSERT INTO payments (id, client_id, amount, currency, reference, charge_id, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?)""")) {
          insert.setString(1, paymentId);
          insert.setString(2, clientId);
          insert.setLong(3, request.amount());
          insert.setString(4, request.currency());
          insert.setString(5, request.reference());
          insert.setString(6, chargeId);
          insert.setObject(7, OffsetDateTime.ofInstant(createdAt, ZoneOffset.UTC));
          insert.executeUpdate();
        }
        try (PreparedStatement update = c.prepareStatement("""
            UPDATE idempotency_keys
            SET state = 'COMPLETED', response_status = ?, response_body = ?, payment_id = ?
            WHERE client_id = ? AND idem_key = ? AND provider_key = ? AND state = 'IN_PROGRESS'""")) {
          update.setInt(1, status);
          update.setBytes(2, body);
          update.setString(3, paymentId);
          update.setString(4, clientId);
          update.setString(5, key);
          update.setString(6, providerKey);
          if (update.executeUpdate() != 1) {
            throw new SQLException("the idempotency key is no longer held by this request");
          }
        }
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    }
  }

  /** The attempt failed without a payment: the key is not used up, the next attempt reuses the provider key. */
  void release(String clientId, String key, String providerKey) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement update = c.prepareStatement("""
            UPDATE idempotency_keys SET state = 'RETRYABLE'
            WHERE client_id = ? AND idem_key = ? AND provider_key = ? AND state = 'IN_PROGRESS'""")) {
      update.setString(1, clientId);
      update.setString(2, key);
      update.setString(3, providerKey);
      update.executeUpdate();
    }
  }

  private static String newProviderKey() {
    return "pk-" + UUID.randomUUID();
  }
}
