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
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The keys table. There is no hash: the payload's three fields are stored as they are and compared in SQL. A key is
 * taken with one {@code INSERT ... ON CONFLICT DO UPDATE ... WHERE} statement (autocommit), so there is no long
 * transaction and no explicit row lock. The replayed answer is not stored: it is rendered again from the
 * {@code payments} row, which is why timestamps are cut to PostgreSQL's microseconds before anything is written.
 */
final class KeyLedger {

  static final Duration RETENTION = Duration.ofHours(24);

  private final DataSource ds;

  KeyLedger(DataSource ds) {
    this.ds = ds;
  }

  void createTable() {
    SQLException last = null;
    for (int i = 0; i < 5; i++) {
      try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
        s.execute("""
            CREATE TABLE IF NOT EXISTS payment_keys (
              client_id    TEXT    NOT NULL,
              idem_key     TEXT    NOT NULL,
              amount       BIGINT  NOT NULL,
              currency     TEXT    NOT NULL,
              reference    TEXT    NOT NULL,
              provider_key TEXT    NOT NULL,
              busy         BOOLEAN NOT NULL,
              expires_sec  BIGINT  NOT NULL,
              expires_nano INTEGER NOT NULL,
              payment_id   TEXT,
              PRIMARY KEY (client_id, idem_key)
            )""");
        return;
      } catch (SQLException e) {
        last = e;
      }
    }
    throw new IllegalStateException("cannot create payment_keys", last);
  }

  /** Takes the key for this request and returns the provider key to use, or null if the key is not free for it. */
  String take(String client, String key, ChargeRequest req, Instant now) throws SQLException {
    Instant expires = now.plus(RETENTION);
    String fresh = "idem-" + UUID.randomUUID();
    // "expired" = the stored expiry lies strictly before now (up to 24 h after the first request still replays)
    String expired = "((k.expires_sec, k.expires_nano) < (?, ?))";
    String sql = "INSERT INTO payment_keys AS k (client_id, idem_key, amount, currency, reference, provider_key, busy,"
        + " expires_sec, expires_nano) VALUES (?, ?, ?, ?, ?, ?, TRUE, ?, ?)"
        + " ON CONFLICT (client_id, idem_key) DO UPDATE SET busy = TRUE,"
        + " amount = EXCLUDED.amount, currency = EXCLUDED.currency, reference = EXCLUDED.reference,"
        + " provider_key = CASE WHEN " + expired + " THEN EXCLUDED.provider_key ELSE k.provider_key END,"
        + " expires_sec = CASE WHEN " + expired + " THEN EXCLUDED.expires_sec ELSE k.expires_sec END,"
        + " expires_nano = CASE WHEN " + expired + " THEN EXCLUDED.expires_nano ELSE k.expires_nano END,"
        + " payment_id = CASE WHEN " + expired + " THEN NULL ELSE k.payment_id END"
        + " WHERE " + expired + " OR (NOT k.busy AND k.payment_id IS NULL AND k.amount = EXCLUDED.amount"
        + " AND k.currency = EXCLUDED.currency AND k.reference = EXCLUDED.reference)"
        + " RETURNING k.provider_key";
    try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      int i = 1;
      ps.setString(i++, client);
      ps.setString(i++, key);
      ps.setLong(i++, req.amount());
      ps.setString(i++, req.currency());
      ps.setString(i++, req.reference());
      ps.setString(i++, fresh);
      ps.setLong(i++, expires.getEpochSecond());
      ps.setInt(i++, expires.getNano());
      for (int n = 0; n < 5; n++) {
        ps.setLong(i++, now.getEpochSecond());
        ps.setInt(i++, now.getNano());
      }
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    }
  }

  /** What another request left on a key this request could not take. */
  record Seen(boolean expired, boolean samePayload, boolean busy, String paymentId) {}

  Seen look(String client, String key, ChargeRequest req, Instant now) throws SQLException {
    try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
        "SELECT amount, currency, reference, busy, expires_sec, expires_nano, payment_id FROM payment_keys"
            + " WHERE client_id = ? AND idem_key = ?")) {
      ps.setString(1, client);
      ps.setString(2, key);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return null;
        }
        Instant expires = Instant.ofEpochSecond(rs.getLong("expires_sec"), rs.getInt("expires_nano"));
        boolean same = rs.getLong("amount") == req.amount() && rs.getString("currency").equals(req.currency())
            && rs.getString("reference").equals(req.reference());
        return new Seen(expires.isBefore(now), same, rs.getBoolean("busy"), rs.getString("payment_id"));
      }
    }
  }

  /** Stores the payment and marks the key done, if this request still holds it. False: it does not. */
  boolean finish(String client, String key, String providerKey, String paymentId, ChargeRequest req,
      String chargeId, Instant at) throws SQLException {
    try (Connection c = ds.getConnection()) {
      c.setAutoCommit(false);
      try {
        try (PreparedStatement ps = c.prepareStatement("UPDATE payment_keys SET busy = FALSE, payment_id = ?"
            + " WHERE client_id = ? AND idem_key = ? AND provider_key = ? AND busy")) {
          ps.setString(1, paymentId);
          ps.setString(2, client);
          ps.setString(3, key);
          ps.setString(4, providerKey);
          if (ps.executeUpdate() != 1) {
            c.rollback();
            return false;
          }
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO payments"
            + " (id, client_id, amount, currency, reference, charge_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
          ps.setString(1, paymentId);
          ps.setString(2, client);
          ps.setLong(3, req.amount());
          ps.setString(4, req.currency());
          ps.setString(5, req.reference());
          ps.setString(6, chargeId);
          ps.setObject(7, OffsetDateTime.ofInstant(at.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC));
          ps.executeUpdate();
        }
        c.commit();
        return true;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    }
  }

  /** The attempt ended without a payment: the key stays usable, with the same provider key. */
  void free(String client, String key, String providerKey) throws SQLException {
    try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
        "UPDATE payment_keys SET busy = FALSE WHERE client_id = ? AND idem_key = ? AND provider_key = ? AND busy"
            + " AND payment_id IS NULL")) {
      ps.setString(1, client);
      ps.setString(2, key);
      ps.setString(3, providerKey);
      ps.executeUpdate();
    }
  }

  /** A stored payment, as read back from {@code payments}. */
  record Payment(String id, String clientId, long amount, String currency, String reference, String chargeId,
      Instant createdAt) {}

  Payment payment(String paymentId) throws SQLException {
    try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
        "SELECT id, client_id, amount, currency, reference, charge_id, created_at FROM payments WHERE id = ?")) {
      ps.setString(1, paymentId);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw new SQLException("payment " + paymentId + " is missing");
        }
        return new Payment(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4), rs.getString(5),
            rs.getString(6), rs.getObject(7, OffsetDateTime.class).toInstant());
      }
    }
  }
}
