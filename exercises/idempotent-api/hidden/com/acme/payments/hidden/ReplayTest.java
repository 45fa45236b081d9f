package com.acme.payments.hidden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.acme.payments.hidden.Harness.Resp;
import dev.grader.support.wiremock.FlakyDownstream;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A retry with the same key replays the first response; the key and payload rules. */
@Tag("replay")
class ReplayTest {

  @RegisterExtension static final FlakyDownstream provider = FlakyDownstream.create("payments.provider.url");

  private Harness h;

  @BeforeEach
  void start(TestInfo info) throws Exception {
    h = new Harness(provider, "replay " + info.getDisplayName());
    h.providerCharges();
  }

  @AfterEach
  void stop() {
    h.close();
  }

  /**
   * The exercise's central rule, which tests of every other category need first: five shares of replay's points (and
   * four for the 422 test below), enough to pay back those tests when they are not evaluated because of it.
   */
  @Test
  @Tag("weight:5")
  void retryReplaysTheSameResponseAndChargesOnce() {
    String client = h.clientId();
    String key = h.key();
    String body = h.body();
    Resp first = h.post(client, key, body);
    assertEquals(201, first.status(), "a new payment: expected 201, got " + first);
    assertNotNull(first.paymentId(), "a new payment: expected a body with the payment's \"id\", got " + first);
    for (int i = 2; i <= 3; i++) {
      Resp again = h.post(client, key, body);
      assertEquals(first.status(), again.status(),
          "attempt " + i + " with the same key and payload: expected the first status " + first.status()
              + " replayed, got " + again);
      assertEquals(first.body(), again.body(),
          "attempt " + i + " with the same key and payload: expected the first response body byte for byte, got "
              + again.body() + " instead of " + first.body());
    }
    assertEquals(1, h.charges(), "3 identical requests with one key: the provider was charged " + h.charges()
        + " times; expected exactly once");
    assertEquals(1, h.payments(client), "3 identical requests with one key: " + h.payments(client)
        + " payments were stored; expected exactly one");
  }

  @Test
  @Tag("weight:4")
  void sameKeyWithAnotherPayloadIs422AndChangesNothing() {
    String client = h.clientId();
    String key = h.key();
    // "Aa" and "BB" have the same String.hashCode: so do two references that differ only there, and any hash of the
    // payload built from its strings' hash codes.
    String reference = h.reference() + "-Aa";
    String collidingReference = reference.substring(0, reference.length() - 2) + "BB";
    long amount = h.amount();
    Resp first = h.post(client, key, Harness.body(amount, "EUR", reference));
    assertEquals(201, first.status(), "a new payment: expected 201, got " + first);

    Resp otherAmount = h.post(client, key, Harness.body(amount + 1, "EUR", reference));
    assertEquals(422, otherAmount.status(),
        "the same key with a different amount: expected 422, got " + otherAmount);
    assertTrue(Harness.isErrorBody(otherAmount.body()),
        "the 422: error responses have a JSON body {\"error\": \"...\"}; got '" + otherAmount.body() + "'");
    Resp otherCurrency = h.post(client, key, Harness.body(amount, "USD", reference));
    assertEquals(422, otherCurrency.status(),
        "the same key with a different currency: expected 422, got " + otherCurrency);
    Resp otherReference = h.post(client, key, Harness.body(amount, "EUR", reference + "-" + h.random.nextInt(10)));
    assertEquals(422, otherReference.status(),
        "the same key with a different reference (same amount and currency): expected 422, got " + otherReference);
    // Whitespace between the JSON's tokens does not matter; whitespace inside a value is part of the value.
    Resp spacedReference = h.post(client, key, Harness.body(amount, "EUR", reference.replace("-", " - ")));
    assertEquals(422, spacedReference.status(),
        "the same key with the reference '" + reference.replace("-", " - ") + "' instead of '" + reference
            + "' (whitespace inside a value is part of it): expected 422, got " + spacedReference);
    Resp sameHashReference = h.post(client, key, Harness.body(amount, "EUR", collidingReference));
    assertEquals(422, sameHashReference.status(), "the same key with the reference '" + collidingReference
        + "' instead of '" + reference + "' (another payload, though both strings have the same hashCode): expected"
        + " 422, got " + sameHashReference);
    assertEquals(1, h.charges(), "after five requests reusing a key with another payload the provider was charged "
        + h.charges() + " times; expected once (only the first request)");
    assertEquals(1, h.payments(client), h.payments(client) + " payments stored; expected only the first");

    Resp replay = h.post(client, key, Harness.body(amount, "EUR", reference));
    assertEquals(first.body(), replay.body(),
        "after the 422s the original payload must still replay the first response; got " + replay);
  }

  @Test
  void theSameFieldsWrittenDifferentlyAreTheSamePayload() {
    String client = h.clientId();
    String key = h.key();
    long amount = h.amount();
    String reference = h.reference();
    Resp first = h.post(client, key, Harness.body(amount, "EUR", reference));
    assertEquals(201, first.status(), "a new payment: expected 201, got " + first);
    String reordered = "{ \"reference\" : \"" + reference + "\",\n  \"currency\" : \"EUR\", \"amount\" : " + amount + " }";
    Resp again = h.post(client, key, reordered);
    assertEquals(201, again.status(),
        "the same fields in another order and with other whitespace are the same payload: expected the replayed 201, got "
            + again);
    assertEquals(first.body(), again.body(), "the same payload written differently: expected the first body replayed");
    assertEquals(1, h.charges(), "the provider was charged " + h.charges() + " times; expected once");
  }

  @Test
  void aRequestWithoutKeyIs400AndChargesNothing() {
    String client = h.clientId();
    Resp r = h.post(client, null, h.body());
    assertEquals(400, r.status(), "POST /payments without an Idempotency-Key header: expected 400, got " + r);
    assertEquals(0, h.charges(), "a request without a key was refused, yet the provider was charged "
        + h.charges() + " times; expected no charge");
    assertEquals(0, h.payments(client), "a request without a key stored " + h.payments(client)
        + " payments; expected none");
  }

  @Test
  void keysOfUpTo255CharactersAreAcceptedAndLongerOnesAre400() {
    String client = h.clientId();
    String longest = (h.key() + "x".repeat(255)).substring(0, 255);
    Resp ok = h.post(client, longest, h.body());
    assertEquals(201, ok.status(), "a key of exactly 255 characters: expected 201, got " + ok);
    String tooLong = (h.key() + "y".repeat(256)).substring(0, 256);
    Resp refused = h.post(client, tooLong, h.body());
    assertEquals(400, refused.status(), "a key of 256 characters: expected 400, got " + refused);
    assertEquals(1, h.charges(), "after a 255-character key and a refused 256-character key the provider was charged "
        + h.charges() + " times; expected once");
  }

  @Test
  void aRequestWithoutClientIdOrWithAnEmptyKeyIs400AndChargesNothing() {
    String client = h.clientId();
    Resp noClient = h.post(null, h.key(), h.body());
    assertEquals(400, noClient.status(), "POST /payments without X-Client-Id: expected 400, got " + noClient);
    Resp emptyKey = h.post(client, "", h.body());
    assertEquals(400, emptyKey.status(), "POST /payments with an empty Idempotency-Key: expected 400, got " + emptyKey);
    assertEquals(0, h.charges(), "requests refused with 400 charged the provider " + h.charges() + " times; expected"
        + " no charge");
    assertEquals(0, h.payments(client), h.payments(client) + " payments stored; expected none");
  }

  @Test
  void invalidBodiesAre400AndChargeNothing() {
    String client = h.clientId();
    String ref = h.reference();
    List<String> bodies = List.of(
        "not JSON",
        "[1250, \"EUR\"]",
        Harness.body(0, "EUR", ref),
        "{\"amount\":12.5,\"currency\":\"EUR\",\"reference\":\"" + ref + "\"}",
        "{\"amount\":\"1250\",\"currency\":\"EUR\",\"reference\":\"" + ref + "\"}",
        "{\"currency\":\"EUR\",\"reference\":\"" + ref + "\"}",
        Harness.body(1250, "eur", ref),
        Harness.body(1250, "EU", ref),
        Harness.body(1250, "EURO", ref),
        Harness.body(1250, "E1R", ref),
        "{\"amount\":1250,\"reference\":\"" + ref + "\"}",
        Harness.body(1250, "EUR", ""),
        Harness.body(1250, "EUR", "r".repeat(101)),
        "{\"amount\":1250,\"currency\":\"EUR\",\"reference\":17}",
        "{\"amount\":1250,\"currency\":\"EUR\"}");
    for (String body : bodies) {
      Resp r = h.post(client, h.key(), body);
      assertEquals(400, r.status(), "an invalid body (amount a whole number > 0, currency three upper-case letters,"
          + " reference a non-empty string of at most 100 characters): expected 400 for " + body + ", got " + r);
    }
    assertEquals(0, h.charges(), "invalid bodies charged the provider " + h.charges() + " times; expected none");
    assertEquals(0, h.payments(client), h.payments(client) + " payments stored for invalid bodies; expected none");
    Resp longest = h.post(client, h.key(), Harness.body(1, "USD", "r".repeat(100)));
    assertEquals(201, longest.status(), "amount 1, currency USD and a reference of exactly 100 characters are valid:"
        + " expected 201, got " + longest);
    long large = Integer.MAX_VALUE + 1L + h.random.nextInt(1_000_000_000); // payments.amount is a BIGINT
    Resp big = h.post(client, h.key(), Harness.body(large, "JPY", ref));
    assertEquals(201, big.status(), "amount " + large + " is a whole number of minor units greater than 0 (beyond an"
        + " int; payments.amount is a BIGINT): expected 201, got " + big);
    assertEquals(List.of(Long.toString(large), "JPY", ref), h.paymentRows(client).stream()
        .filter(row -> row.get(0).equals(Long.toString(large))).findFirst().map(row -> row.subList(0, 3))
        .orElse(List.of()), "the payments row of the amount beyond an int, of client " + client);
  }

  @Test
  void theProviderIsAskedForTheRequestedChargeAndThePaymentRecordsIt() throws Exception {
    String chargeId = "ch_" + Long.toHexString(h.random.nextLong() & Long.MAX_VALUE);
    provider.stub("POST", Harness.CHARGES,
        dev.grader.support.wiremock.Reply.json(201, "{\"id\":\"" + chargeId + "\",\"status\":\"succeeded\"}"));
    String client = h.clientId();
    long amount = h.amount();
    String currency = List.of("EUR", "USD", "GBP", "CHF").get(h.random.nextInt(4));
    String reference = h.reference();
    Resp r = h.post(client, h.key(), Harness.body(amount, currency, reference));
    assertEquals(201, r.status(), "a new payment: expected 201, got " + r);
    List<dev.grader.support.wiremock.ReceivedRequest> charges = h.chargeRequests();
    assertEquals(1, charges.size(), "expected one charge request, saw " + charges.size());
    dev.grader.support.wiremock.ReceivedRequest charge = charges.get(0);
    assertTrue(charge.header("Content-Type").orElse("").startsWith("application/json"),
        "the charge must say Content-Type: application/json; saw " + charge.header("Content-Type"));
    com.fasterxml.jackson.databind.JsonNode sent = new com.fasterxml.jackson.databind.ObjectMapper().readTree(charge.body());
    assertTrue(sent != null && sent.path("amount").isIntegralNumber() && sent.path("amount").asLong() == amount
            && currency.equals(sent.path("currency").asText(null)) && reference.equals(sent.path("reference").asText(null)),
        "the charge body must be {\"amount\": " + amount + ", \"currency\": \"" + currency + "\", \"reference\": \""
            + reference + "\"}; the provider received " + charge.body());
    assertTrue(r.body().contains("\"" + chargeId + "\""), "the 201 body describes the payment with at least its id and"
        + " the provider's charge id " + chargeId + "; got " + r.body());
    assertEquals(List.of(List.of(Long.toString(amount), currency, reference, chargeId)), h.paymentRows(client),
        "the payments row (amount, currency, reference, charge_id) of client " + client);
  }
}
