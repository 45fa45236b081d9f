package com.acme.payments;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Idempotency keys in PostgreSQL: one row per (client, key), claimed atomically by the primary key,
 * holding the provider's key for every attempt and, once done, the exact response.
 */
final class IdempotencyStore {

  static final Duration RETENTION = Duration.ofHours(24);

  enum Outcome { OWNED, IN_FLIGHT, MISMATCH, REPLAY }

  /** What a request may do with its key; {@code downstreamKey} when OWNED, {@code response} when REPLAY. */
  record Claim(Outcome outcome, String downstreamKey, PaymentService.Response response) {}

  private static final String DDL = """
      CREATE TABLE IF NOT EXISTS idempotency_keys (
        client_id      TEXT        NOT NULL,
        idem_key       TEXT        NOT NULL,
        fingerprint    TEXT        NOT NULL,
        downstream_key TEXT        NOT NULL,
        state          TEXT        NOT NULL,
        status         INTEGER,
        body           TEXT,
        payment_id     TEXT,
        created_at     TIMESTAMPTZ NOT NULL,
        PRIMARY KEY (client_id, idem_key)
      )""";

  private final DataSource dataSource;

  IdempotencyStore(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  void createSchema() {
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
      s.execute(DDL);
    } catch (SQLException e) {
      throw new IllegalStateException("could not create the idempotency table: " + e.getMessage(), e);
    }
  }

  /** Claims the key for this request, or says why not. */
  Claim claim(String client, String key, String fingerprint, Instant now) {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        Claim claim = claim(c, client, key, fingerprint, now);
        c.commit();
        return claim;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new IllegalStateException("could not claim the idempotency key: " + e.getMessage(), e);
    }
  }

  private static Claim claim(Connection c, String client, String key, String fingerprint, Instant now)
      throws SQLException {
    String downstreamKey = UUID.randomUUID().toString();
    try (PreparedStatement insert = c.prepareStatement("""
        INSERT INTO idempotency_keys (client_id, idem_key, fingerprint, downstream_key, state, created_at)
        VALUES (?, ?, ?, ?, 'in_flight', ?)
        ON CONFLICT (client_id, idem_key) DO NOTHING""")) {
      insert.setString(1, client);
      insert.setString(2, key);
      insert.setString(3, fingerprint);
      insert.setString(4, downstreamKey);
      insert.setTimestamp(5, Timestamp.from(now));
      if (insert.executeUpdate() == 1) {
        return new Claim(Outcome.OWNED, downstreamKey, null);
      }
    }
    try (PreparedStatement select = c.prepareStatement("""
        SELECT fingerprint, downstream_key, state, status, body, created_at
        FROM idempotency_keys WHERE client_id = ? AND idem_key = ? FOR UPDATE""")) {
      select.setString(1, client);
      select.setString(2, key);
      try (ResultSet rs = select.executeQuery()) {
        if (!rs.next()) {
          throw new IllegalStateException("the idempotency key row vanished");
        }
        Instant createdAt = rs.getTimestamp("created_at").toInstant();
        if (now.isAfter(createdAt.plus(RETENTION))) {
          // expired: the key counts as new
          update(c, client, key, fingerprint, downstreamKey, now);
          return new Claim(Outcome.OWNED, downstreamKey, null);
        }
        if (!rs.getString("fingerprint").equals(fingerprint)) {
          return new Claim(Outcome.MISMATCH, null, null);
        }
        switch (rs.getString("state")) {
          case "done":
            return new Claim(Outcome.REPLAY, null,
                new PaymentService.Response(rs.getInt("status"), rs.getString("body")));
          case "in_flight":
            return new Claim(Outcome.IN_FLIGHT, null, null);
          default: // released after a failure: retry with the same provider key
            try (PreparedStatement retake = c.prepareStatement(
                "UPDATE idempotency_keys SET state = 'in_flight' WHERE client_id = ? AND idem_key = ?")) {
              retake.setString(1, client);
              retake.setString(2, key);
              retake.executeUpdate();
            }
            return new Claim(Outcome.OWNED, rs.getString("downstream_key"), null);
        }
      }
    }
  }

  private static void update(Connection c, String client, String key, String fingerprint, String downstreamKey,
      Instant now) throws SQLException {
    try (PreparedStatement update = c.prepareStatement("""
        UPDATE idempotency_keys
        SET fingerprint = ?, downstream_key = ?, state = 'in_flight', status = NULL, body = NULL,
            payment_id = NULL, created_at = ?
        WHERE client_id = ? AND idem_key = ?""")) {
      update.setString(1, fingerprint);
      update.setString(2, downstreamKey);
      update.setTimestamp(3, Timestamp.from(now));
      update.setString(4, client);
      update.setString(5, key);
      update.executeUpdate();
    }
  }

  /** Lets a later retry take the key again (after the provider failed or did not answer). */
  void release(String client, String key) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement release = c.prepareStatement(
            "UPDATE idempotency_keys SET state = 'failed' WHERE client_id = ? AND idem_key = ? AND state = 'in_flight'")) {
      release.setString(1, client);
      release.setString(2, key);
      release.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("could not release the idempotency key: " + e.getMessage(), e);
    }
  }

  /** Stores the payment and the response in one transaction. */
  void complete(String client, String key, String downstreamKey, String paymentId,
      PaymentService.PaymentRequest request, String chargeId, Instant createdAt, PaymentService.Response response) {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        try (PreparedStatement insert = c.prepareStatement("""
            INSERT INTO payments (id, client_id, amount, currency, reference, charge_id, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?)""")) {
          insert.setString(1, paymentId);
          insert.setString(2, client);
          insert.setLong(3, request.amount());
          insert.setString(4, request.currency());
          insert.setString(5, request.reference());
          insert.setString(6, chargeId);
          insert.setTimestamp(7, Timestamp.from(createdAt));
          insert.executeUpdate();
        }
        try (PreparedStatement done = c.prepareStatement("""
            UPDATE idempotency_keys SET state = 'done', status = ?, body = ?, payment_id = ?
            WHERE client_id = ? AND idem_key = ? AND downstream_key = ? AND state = 'in_flight'""")) {
          done.setInt(1, response.status());
          done.setString(2, response.body());
          done.setString(3, paymentId);
          done.setString(4, client);
          done.setString(5, key);
          done.setString(6, downstreamKey);
          if (done.executeUpdate() != 1) {
            throw new IllegalStateException("the idempotency key was taken over while the payment was made");
          }
        }
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new IllegalStateException("could not store the payment: " + e.getMessage(), e);
    }
  }
}
