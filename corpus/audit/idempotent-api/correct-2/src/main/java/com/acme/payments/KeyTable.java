package com.acme.payments;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.UUID;
import javax.sql.DataSource;

/** SQL for the {@code request_keys} table: which (client, key) asked for what, and the answer once it is final. */
final class KeyTable {

  /** One row, as read under its lock. */
  static final class Entry {
    final String digest;
    final UUID chargeKey;
    final Instant openedAt;
    final Integer replayStatus;
    final String replayBody;

    Entry(String digest, UUID chargeKey, Instant openedAt, Integer replayStatus, String replayBody) {
      this.digest = digest;
      this.chargeKey = chargeKey;
      this.openedAt = openedAt;
      this.replayStatus = replayStatus;
      this.replayBody = replayBody;
    }
  }

  private KeyTable() {}

  static void create(DataSource ds) {
    for (int tries = 1; ; tries++) {
      try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
        s.execute("""
            CREATE TABLE IF NOT EXISTS request_keys (
              owner           TEXT          NOT NULL,
              idempotency_key TEXT          NOT NULL,
              digest          TEXT          NOT NULL,
              charge_key      UUID          NOT NULL,
              opened_at       NUMERIC(30,9) NOT NULL,
              replay_status   INTEGER,
              replay_body     TEXT,
              CONSTRAINT request_keys_pk PRIMARY KEY (owner, idempotency_key)
            )""");
        return;
      } catch (SQLException e) {
        if (tries == 5) {
          throw new IllegalStateException("cannot create request_keys", e);
        }
      }
    }
  }

  static BigDecimal toDecimal(Instant t) {
    return BigDecimal.valueOf(t.getEpochSecond()).add(BigDecimal.valueOf(t.getNano(), 9));
  }

  static Instant fromDecimal(BigDecimal d) {
    BigDecimal seconds = d.setScale(0, java.math.RoundingMode.FLOOR);
    int nanos = d.subtract(seconds).movePointRight(9).intValueExact();
    return Instant.ofEpochSecond(seconds.longValueExact(), nanos);
  }

  static boolean exists(Connection c, String owner, String key) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT 1 FROM request_keys WHERE owner = ? AND idempotency_key = ?")) {
      ps.setString(1, owner);
      ps.setString(2, key);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  static void insertIfAbsent(Connection c, String owner, String key, String digest, Instant now)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("""
        INSERT INTO request_keys (owner, idempotency_key, digest, charge_key, opened_at)
        VALUES (?, ?, ?, ?, ?) ON CONFLICT ON CONSTRAINT request_keys_pk DO NOTHING""")) {
      ps.setString(1, owner);
      ps.setString(2, key);
      ps.setString(3, digest);
      ps.setObject(4, UUID.randomUUID());
      ps.setBigDecimal(5, toDecimal(now));
      ps.executeUpdate();
    }
  }

  /** Locks the row without waiting; throws SQLState 55P03 when another request holds it. */
  static Entry lockNoWait(Connection c, String owner, String key) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("""
        SELECT digest, charge_key, opened_at, replay_status, replay_body FROM request_keys
        WHERE owner = ? AND idempotency_key = ? FOR UPDATE NOWAIT""")) {
      ps.setString(1, owner);
      ps.setString(2, key);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? entry(rs) : null;
      }
    }
  }

  /** Reads the row without any lock (what other requests committed). */
  static Entry peek(Connection c, String owner, String key) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("""
        SELECT digest, charge_key, opened_at, replay_status, replay_body FROM request_keys
        WHERE owner = ? AND idempotency_key = ?""")) {
      ps.setString(1, owner);
      ps.setString(2, key);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? entry(rs) : null;
      }
    }
  }

  private static Entry entry(ResultSet rs) throws SQLException {
    int status = rs.getInt("replay_status");
    Integer replayStatus = rs.wasNull() ? null : status;
    return new Entry(rs.getString("digest"), rs.getObject("charge_key", UUID.class),
        fromDecimal(rs.getBigDecimal("opened_at")), replayStatus, rs.getString("replay_body"));
  }

  /** The key outlived its retention: it starts over as a new key. */
  static Entry reopen(Connection c, String owner, String key, String digest, Instant now) throws SQLException {
    UUID chargeKey = UUID.randomUUID();
    try (PreparedStatement ps = c.prepareStatement("""
        UPDATE request_keys SET digest = ?, charge_key = ?, opened_at = ?, replay_status = NULL, replay_body = NULL
        WHERE owner = ? AND idempotency_key = ?""")) {
      ps.setString(1, digest);
      ps.setObject(2, chargeKey);
      ps.setBigDecimal(3, toDecimal(now));
      ps.setString(4, owner);
      ps.setString(5, key);
      ps.executeUpdate();
    }
    return new Entry(digest, chargeKey, now, null, null);
  }

  static void recordAnswer(Connection c, String owner, String key, int status, String body) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "UPDATE request_keys SET replay_status = ?, replay_body = ? WHERE owner = ? AND idempotency_key = ?")) {
      ps.setInt(1, status);
      ps.setString(2, body);
      ps.setString(3, owner);
      ps.setString(4, key);
      ps.executeUpdate();
    }
  }
}
