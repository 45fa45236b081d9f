package com.acme.payments;

import java.time.Instant;

/** One row of {@code payments}. */
record Payment(String id, String clientId, long amount, String currency, String reference, String chargeId,
    Instant createdAt) {

  /** The 201 body; the same bytes are stored and replayed. */
  byte[] responseBody() {
    return Json.bytes(Json.object()
        .put("id", id)
        .put("client_id", clientId)
        .put("amount", amount)
        .put("currency", currency)
        .put("reference", reference)
        .put("charge_id", chargeId)
        .put("status", "succeeded")
        .put("created_at", createdAt.toString()));
  }
}
