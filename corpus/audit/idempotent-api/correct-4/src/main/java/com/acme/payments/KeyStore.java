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
 * Idempotency keys, one row per (client, key), in the database so that every instance sees the same state.
 *
 * <p>A row is {@code IN_PROGRESS} while one request (its {@code attempt}) is charging, {@code RETRYABLE} after a
 * provider failure (the next request takes it again, with the same provider key) and {@code COMPLETED} with the
 * 201 to replay.
 */
final class KeyStore {

  static final Duration RETENTION = Duration.ofHours(24);

  private static final String DDL = """
      CREATE TABLE IF NOT EXISTS idempotency_keys (
        client_id    TEXT    NOT NULL,
        idem_key     TEXT    NOT NULL,
        fingerprint  TEXT    NOT NULL,
        provider_key TEXT    NOT NULL,
        state        TEXT    NOT NULL,
        attempt      TEXT    NOT NULL,
        first_sec    BIGINT  NOT NULL,
        first_nano   INTEGER NOT NULL,
        resp_status  INTEGER,
        resp_body    BYTEA,
        PRIMARY KEY (client_id, idem_key)
      )""";

  private static final String IN_PROGRESS = "IN_PROGRESS";
  private static final String RETRYABLE = "RETRYABLE";
  private static final String COMPLETED = "COMPLETED";

  /** What a request may do with its key. */
  sealed interface Claim {
    /** This request charges, with {@code providerKey}; {@code attempt} identifies it on the row. */
    record Owned(String providerKey, String attempt) implements Claim {}

    /** The first request finished: answer exactly this. */
    record Replay(int status, byte[] body) implements Claim {}

    /** Another request with the same key is charging. */
    record InProgress() implements Claim {}

    /** The key was used for another payload. */
    record Mismatch() implements Claim {}
  }

  private final DataSource dataSource;

  KeyStore(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  void createTable() {
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
      s.execute(DDL);
    } catch (SQLException e) {
      // Two instances starting together can race on CREATE TABLE IF NOT EXISTS; fine if the table is there.
      if (!tableExists()) {
        throw new IllegalStateException("could not create the idempotency_keys table: " + e.getMessage(), e);
      }
    }
  }

  private boolean tableExists() {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement("SELECT to_regclass('idempotency_keys') IS NOT NULL");
        ResultSet r = s.executeQuery()) {
      return r.next() && r.getBoolean(1);
    } catch (SQLException e) {
      return false;
    }
  }

  /** Decides, atomically across instances, what the request for (client, key) with this payload may do. */
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
    String attempt = UUID.randomUUID().toString();
    String providerKey = newProviderKey();
    try (PreparedStatement insert = c.prepareStatement("""
        INSERT INTO idempotency_keys
          (client_id, idem_key, fingerprint, provider_key, state, attempt, first_sec, first_nano)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (client_id, idem_key) DO NOTHING""")) {
      insert.setString(1, clientId);
      insert.setString(2, key);
      insert.setString(3, fingerprint);
      insert.setString(4, providerKey);
      insert.setString(5, IN_PROGRESS);
      insert.setString(6, attempt);
      insert.setLong(7, now.getEpochSecond());
      insert.setInt(8, now.getNano());
      if (insert.executeUpdate() == 1) {
        return new Claim.Owned(providerKey, attempt);
      }
    }

    // The row exists (committed: ON CONFLICT waited for any concurrent insert). Lock it and decide.
    try (PreparedStatement select = c.prepareStatement("""
        SELECT fingerprint, provider_key, state, first_sec, first_nano, resp_status, resp_body
        FROM idempotency_keys WHERE client_id = ? AND idem_key = ? FOR UPDATE""")) {
      select.setString(1, clientId);
      select.setString(2, key);
      try (ResultSet row = select.executeQuery()) {
        if (!row.next()) {
          return new Claim.InProgress(); // cannot happen: rows are never deleted
        }
        Instant first = Instant.ofEpochSecond(row.getLong("first_sec"), row.getInt("first_nano"));
        if (now.isAfter(first.plus(RETENTION))) {
          // Retention is over: the key counts as new, with a new provider key and a new first request.
          restart(c, clientId, key, fingerprint, providerKey, attempt, now);
          return new Claim.Owned(providerKey, attempt);
        }
        if (!row.getString("fingerprint").equals(fingerprint)) {
          return new Claim.Mismatch();
        }
        switch (row.getString("state")) {
          case COMPLETED:
            return new Claim.Replay(row.getInt("resp_status"), row.getBytes("resp_body"));
          case RETRYABLE:
            String kept = row.getString("provider_key");
            take(c, clientId, key, attempt);
            return new Claim.Owned(kept, attempt);
          default:
            return new Claim.InProgress();
        }
      }
    }
  }

  private static void restart(Connection c, String clientId, String key, String fingerprint, String providerKey,
      String attempt, Instant now) throws SQLException {
    try (PreparedStatement update = c.prepareStatement("""
        UPDATE idempotency_keys
        SET fingerprint = ?, provider_key = ?, state = ?, attempt = ?, first_sec = ?, first_nano = ?,
            resp_status = NULL, resp_body = NULL
        WHERE client_id = ? AND idem_key = ?""")) {
      update.setString(1, fingerprint);
      update.setString(2, providerKey);
      update.setString(3, IN_PROGRESS);
      update.setString(4, attempt);
      update.setLong(5, now.getEpochSecond());
      update.setInt(6, now.getNano());
      update.setString(7, clientId);
      update.setString(8, key);
      update.executeUpdate();
    }
  }

  private static void take(Connection c, String clientId, String key, String attempt) throws SQLException {
    try (PreparedStatement update = c.prepareStatement(
        "UPDATE idempotency_keys SET state = ?, attempt = ? WHERE client_id = ? AND idem_key = ?")) {
      update.setString(1, IN_PROGRESS);
      update.setString(2, attempt);
      update.setString(3, clientId);
      update.setString(4, key);
      update.executeUpdate();
    }
  }

  /**
   * Stores the payment and, in the same transaction, the response to replay. If the key was taken over meanwhile
   * (its retention ran out while this attempt was charging), the payment is stored all the same: the customer
   * was charged.
   */
  void complete(String clientId, String key, String attempt, Payment payment, int status, byte[] body)
      throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        try (PreparedStatement update = c.prepareStatement("""
            UPDATE idempotency_keys SET state = ?, resp_status = ?, resp_body = ?
            WHERE client_id = ? AND idem_key = ? AND attempt = ? AND state = ?""")) {
          update.setString(1, COMPLETED);
          update.setInt(2, status);
          update.setBytes(3, body);
          update.setString(4, clientId);
          update.setString(5, key);
          update.setString(6, attempt);
          update.setString(7, IN_PROGRESS);
          update.executeUpdate();
        }
        try (PreparedStatement insert = c.prepareStatement("""
            INSERT INTO payments (id, client_id, amount, currency, reference, charge_id, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?)""")) {
          insert.setString(1, payment.id());
          insert.setString(2, payment.clientId());
          insert.setLong(3, payment.amount());
          insert.setString(4, payment.currency());
          insert.setString(5, payment.reference());
          insert.setString(6, payment.chargeId());
          insert.setTimestamp(7, Timestamp.from(payment.createdAt()));
          insert.executeUpdate();
        }
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    }
  }

  /** Gives the key back after a failed attempt: the next request tries again with the same provider key. */
  void release(String clientId, String key, String attempt) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement update = c.prepareStatement("""
            UPDATE idempotency_keys SET state = ?
            WHERE client_id = ? AND idem_key = ? AND attempt = ? AND state = ?""")) {
      update.setString(1, RETRYABLE);
      update.setString(2, clientId);
      update.setString(3, key);
      update.setString(4, attempt);
      update.setString(5, IN_PROGRESS);
      update.executeUpdate();
    }
  }

  private static String newProviderKey() {
    return "pk_" + UUID.randomUUID();
  }
}
