package com.acme.payments;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import javax.sql.DataSource;

/**
 * The idempotency keys, in PostgreSQL. One row per (client, key): the payload it is bound to, the provider key
 * every attempt for it sends, when its first request came, and (once a charge succeeded) the exact answer.
 *
 * <p>Rows are found by a SHA-256 digest of (client, key), so client ids of any length can be indexed; the client
 * id and key themselves are kept for reading. The row's numeric id doubles as the key of a session-level
 * advisory lock, held by the one request that may talk to the provider for this key. A lock held by a
 * connection that dies is released by PostgreSQL, so a crash never leaves a key stuck.
 */
final class KeyStore {

  static final Duration RETENTION = Duration.ofHours(24);

  /** Class id for the two-int advisory lock taken around DDL (the one-bigint lock space is for key rows). */
  private static final int DDL_LOCK_CLASS = 0x1de4;

  private static final String DDL = """
      CREATE TABLE IF NOT EXISTS idempotency_keys (
        id              BIGSERIAL PRIMARY KEY,
        scope           BYTEA     NOT NULL UNIQUE,
        client_id       TEXT      NOT NULL,
        idem_key        TEXT      NOT NULL,
        amount          BIGINT    NOT NULL,
        currency        TEXT      NOT NULL,
        reference       TEXT      NOT NULL,
        provider_key    TEXT      NOT NULL UNIQUE,
        first_seen_sec  BIGINT    NOT NULL,
        first_seen_nano INTEGER   NOT NULL,
        payment_id      TEXT,
        response_status INTEGER,
        response_body   BYTEA
      )""";

  private static final String COLUMNS = "id, client_id, idem_key, amount, currency, reference, provider_key, "
      + "first_seen_sec, first_seen_nano, response_status, response_body";

  /** One row of {@code idempotency_keys}. */
  record KeyRecord(long id, String clientId, String key, long amount, String currency, String reference,
      String providerKey, Instant firstSeen, int responseStatus, byte[] responseBody) {

    boolean finished() {
      return responseBody != null;
    }

    /** Up to and including 24 hours after the first request, the key is remembered. */
    boolean retainedAt(Instant now) {
      return !now.isAfter(firstSeen.plus(RETENTION));
    }

    boolean sameRequest(PaymentRequest request) {
      return request.samePayload(amount, currency, reference);
    }
  }

  static void createTables(DataSource dataSource) {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        // concurrent CREATE TABLE IF NOT EXISTS can still collide in the catalog: serialise it
        s.execute("SELECT pg_advisory_xact_lock(" + DDL_LOCK_CLASS + ", 1)");
        s.execute(DDL);
        c.commit();
      } catch (SQLException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new IllegalStateException("could not create the idempotency table: " + e.getMessage(), e);
    }
  }

  /** An unambiguous digest of (client, key): the client id is length-prefixed, so no split is confused. */
  static byte[] scope(String clientId, String key) {
    byte[] client = clientId.getBytes(StandardCharsets.UTF_16BE);
    byte[] idem = key.getBytes(StandardCharsets.UTF_16BE);
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(ByteBuffer.allocate(4).putInt(client.length).array());
      sha.update(client);
      sha.update(idem);
      return sha.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  KeyRecord find(Connection c, String clientId, String key) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM idempotency_keys WHERE scope = ?")) {
      ps.setBytes(1, scope(clientId, key));
      return single(ps);
    }
  }

  KeyRecord findById(Connection c, long id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM idempotency_keys WHERE id = ?")) {
      ps.setLong(1, id);
      return single(ps);
    }
  }

  /** Creates the row for a new key; if another request created it first, returns that one. */
  KeyRecord findOrCreate(Connection c, String clientId, String key, PaymentRequest request, String providerKey,
      Instant now) throws SQLException {
    KeyRecord existing = find(c, clientId, key);
    if (existing != null) {
      return existing;
    }
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO idempotency_keys (scope, client_id, idem_key, amount, currency, reference, provider_key, "
            + "first_seen_sec, first_seen_nano) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
            + "ON CONFLICT (scope) DO NOTHING RETURNING " + COLUMNS)) {
      ps.setBytes(1, scope(clientId, key));
      ps.setString(2, clientId);
      ps.setString(3, key);
      ps.setLong(4, request.amount());
      ps.setString(5, request.currency());
      ps.setString(6, request.reference());
      ps.setString(7, providerKey);
      ps.setLong(8, now.getEpochSecond());
      ps.setInt(9, now.getNano());
      KeyRecord created = single(ps);
      if (created != null) {
        return created;
      }
    }
    KeyRecord raced = find(c, clientId, key);
    if (raced == null) {
      throw new SQLException("idempotency key vanished while being created");
    }
    return raced;
  }

  /** After retention ran out: the key starts over, bound to this request, with a fresh provider key. */
  KeyRecord restart(Connection c, long id, PaymentRequest request, String providerKey, Instant now)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "UPDATE idempotency_keys SET amount = ?, currency = ?, reference = ?, provider_key = ?, "
            + "first_seen_sec = ?, first_seen_nano = ?, payment_id = NULL, response_status = NULL, "
            + "response_body = NULL WHERE id = ? RETURNING " + COLUMNS)) {
      ps.setLong(1, request.amount());
      ps.setString(2, request.currency());
      ps.setString(3, request.reference());
      ps.setString(4, providerKey);
      ps.setLong(5, now.getEpochSecond());
      ps.setInt(6, now.getNano());
      ps.setLong(7, id);
      KeyRecord record = single(ps);
      if (record == null) {
        throw new SQLException("idempotency key " + id + " vanished");
      }
      return record;
    }
  }

  /** Stores the payment and the answer for the key, in one transaction. */
  void complete(Connection c, KeyRecord record, String paymentId, String chargeId, Instant createdAt,
      int status, byte[] body) throws SQLException {
    c.setAutoCommit(false);
    try {
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT INTO payments (id, client_id, amount, currency, reference, charge_id, created_at) "
              + "VALUES (?, ?, ?, ?, ?, ?, ?)")) {
        ps.setString(1, paymentId);
        ps.setString(2, record.clientId());
        ps.setLong(3, record.amount());
        ps.setString(4, record.currency());
        ps.setString(5, record.reference());
        ps.setString(6, chargeId);
        ps.setObject(7, OffsetDateTime.ofInstant(createdAt, ZoneOffset.UTC));
        ps.executeUpdate();
      }
      try (PreparedStatement ps = c.prepareStatement(
          "UPDATE idempotency_keys SET payment_id = ?, response_status = ?, response_body = ? "
              + "WHERE id = ? AND provider_key = ? AND response_body IS NULL")) {
        ps.setString(1, paymentId);
        ps.setInt(2, status);
        ps.setBytes(3, body);
        ps.setLong(4, record.id());
        ps.setString(5, record.providerKey());
        if (ps.executeUpdate() != 1) {
          throw new SQLException("idempotency key " + record.id() + " changed while it was locked");
        }
      }
      c.commit();
    } catch (SQLException | RuntimeException e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(true);
    }
  }

  boolean tryLock(Connection c, long id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
      ps.setLong(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getBoolean(1);
      }
    }
  }

  void unlock(Connection c, long id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_unlock(?)")) {
      ps.setLong(1, id);
      ps.executeQuery().close();
    }
  }

  private static KeyRecord single(PreparedStatement ps) throws SQLException {
    try (ResultSet rs = ps.executeQuery()) {
      if (!rs.next()) {
        return null;
      }
      int status = rs.getInt("response_status");
      byte[] body = rs.getBytes("response_body");
      return new KeyRecord(
          rs.getLong("id"),
          rs.getString("client_id"),
          rs.getString("idem_key"),
          rs.getLong("amount"),
          rs.getString("currency"),
          rs.getString("reference"),
          rs.getString("provider_key"),
          Instant.ofEpochSecond(rs.getLong("first_seen_sec"), rs.getInt("first_seen_nano")),
          status,
          body == null ? null : Arrays.copyOf(body, body.length));
    }
  }
}
