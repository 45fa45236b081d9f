package com.acme.payments;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;

/** Idempotency keys in a map in the JVM (atomic per key); payments in PostgreSQL. */
final class IdempotencyStore {

  static final Duration RETENTION = Duration.ofHours(24);

  enum Outcome { OWNED, IN_FLIGHT, MISMATCH, REPLAY }

  record Claim(Outcome outcome, String downstreamKey, PaymentService.Response response) {}

  private record Entry(String fingerprint, String downstreamKey, String state, PaymentService.Response response,
      Instant createdAt) {}

  private final DataSource dataSource;
  private final Map<String, Entry> keys = new ConcurrentHashMap<>();

  IdempotencyStore(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  void createSchema() {
    // nothing to create: the keys live in memory
  }

  private static String id(String client, String key) {
    return client + "\u0000" + key;
  }

  Claim claim(String client, String key, String fingerprint, Instant now) {
    Claim[] result = new Claim[1];
    keys.compute(id(client, key), (k, e) -> {
      if (e == null || !now.isBefore(e.createdAt().plus(RETENTION))) {
        String downstreamKey = UUID.randomUUID().toString();
        result[0] = new Claim(Outcome.OWNED, downstreamKey, null);
        return new Entry(fingerprint, downstreamKey, "in_flight", null, now);
      }
      if (!e.fingerprint().equals(fingerprint)) {
        result[0] = new Claim(Outcome.MISMATCH, null, null);
        return e;
      }
      switch (e.state()) {
        case "done":
          result[0] = new Claim(Outcome.REPLAY, null, e.response());
          return e;
        case "in_flight":
          result[0] = new Claim(Outcome.IN_FLIGHT, null, null);
          return e;
        default:
          result[0] = new Claim(Outcome.OWNED, e.downstreamKey(), null);
          return new Entry(e.fingerprint(), e.downstreamKey(), "in_flight", null, e.createdAt());
      }
    });
    return result[0];
  }

  void release(String client, String key) {
    keys.computeIfPresent(id(client, key), (k, e) -> e.state().equals("in_flight")
        ? new Entry(e.fingerprint(), e.downstreamKey(), "failed", null, e.createdAt()) : e);
  }

  void complete(String client, String key, String downstreamKey, String paymentId,
      PaymentService.PaymentRequest request, String chargeId, Instant createdAt, PaymentService.Response response) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement insert = c.prepareStatement("""
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
    } catch (SQLException e) {
      throw new IllegalStateException("could not store the payment: " + e.getMessage(), e);
    }
    keys.computeIfPresent(id(client, key), (k, e) ->
        new Entry(e.fingerprint(), e.downstreamKey(), "done", response, e.createdAt()));
  }
}
