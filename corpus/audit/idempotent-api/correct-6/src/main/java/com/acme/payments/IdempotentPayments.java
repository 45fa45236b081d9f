package com.acme.payments;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The idempotency protocol for one validated request:
 *
 * <ol>
 *   <li>find or create the key's row (committed at once, so the provider key is fixed before any charge);
 *   <li>a remembered key answers without a lock: 422 for another payload, the stored answer once finished;
 *   <li>otherwise take the key's advisory lock without waiting (taken elsewhere: 409), look again under it,
 *       start the key over if its retention ran out, and charge with the key's provider key;
 *   <li>a charge stores the payment and the answer in one transaction; a failure stores nothing, so the key
 *       stays usable and its next attempt sends the same provider key.
 * </ol>
 */
final class IdempotentPayments {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final DataSource dataSource;
  private final Clock clock;
  private final ProviderClient provider;
  private final KeyStore keys = new KeyStore();

  IdempotentPayments(DataSource dataSource, Clock clock, ProviderClient provider) {
    this.dataSource = dataSource;
    this.clock = clock;
    this.provider = provider;
  }

  Answer pay(String clientId, String key, PaymentRequest request) throws SQLException, InterruptedException {
    Instant now = clock.instant();
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(true);
      KeyStore.KeyRecord record = keys.findOrCreate(c, clientId, key, request, newProviderKey(), now);
      Answer remembered = remembered(record, request, now);
      if (remembered != null) {
        return remembered;
      }
      if (!keys.tryLock(c, record.id())) {
        return inProgress();
      }
      try {
        record = keys.findById(c, record.id());
        if (record.retainedAt(now)) {
          remembered = remembered(record, request, now);
          if (remembered != null) {
            return remembered;
          }
        } else {
          record = keys.restart(c, record.id(), request, newProviderKey(), now);
        }
        return charge(c, record, now);
      } finally {
        try {
          keys.unlock(c, record.id());
        } catch (SQLException ignored) {
          // closing the connection releases the lock as well
        }
      }
    }
  }

  /** The answer for a key within retention that needs no charge, or null. */
  private static Answer remembered(KeyStore.KeyRecord record, PaymentRequest request, Instant now) {
    if (!record.retainedAt(now)) {
      return null;
    }
    if (!record.sameRequest(request)) {
      return Answer.error(422, "this Idempotency-Key was used with a different payload");
    }
    if (record.finished()) {
      return new Answer(record.responseStatus(), record.responseBody());
    }
    return null;
  }

  private static Answer inProgress() {
    return Answer.error(409, "a request with this Idempotency-Key is still in progress");
  }

  private Answer charge(Connection c, KeyStore.KeyRecord record, Instant now)
      throws SQLException, InterruptedException {
    PaymentRequest request = new PaymentRequest(record.amount(), record.currency(), record.reference());
    ProviderClient.Outcome outcome = provider.charge(record.providerKey(), request);
    if (outcome instanceof ProviderClient.Charged charged) {
      String paymentId = "pay_" + UUID.randomUUID();
      byte[] body = paymentJson(paymentId, record.clientId(), request, charged.chargeId(), now);
      keys.complete(c, record, paymentId, charged.chargeId(), now, 201, body);
      return new Answer(201, body);
    }
    if (outcome instanceof ProviderClient.TimedOut) {
      return Answer.error(504, "the payment provider did not answer in time; retry with the same key");
    }
    return Answer.error(502, "the payment provider failed; retry with the same key");
  }

  private static byte[] paymentJson(String paymentId, String clientId, PaymentRequest request, String chargeId,
      Instant createdAt) {
    ObjectNode node = MAPPER.createObjectNode()
        .put("id", paymentId)
        .put("client_id", clientId)
        .put("amount", request.amount())
        .put("currency", request.currency())
        .put("reference", request.reference())
        .put("charge_id", chargeId)
        .put("status", "succeeded")
        .put("created_at", createdAt.toString());
    try {
      return MAPPER.writeValueAsBytes(node);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String newProviderKey() {
    return "idem-" + UUID.randomUUID();
  }
}
