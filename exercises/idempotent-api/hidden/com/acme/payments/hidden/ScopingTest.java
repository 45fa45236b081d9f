package com.acme.payments.hidden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.acme.payments.hidden.Harness.Resp;
import dev.grader.support.precondition.Precondition;
import dev.grader.support.wiremock.FlakyDownstream;
import dev.grader.support.wiremock.Reply;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Keys belong to a client: the same key from two clients is two payments. */
@Tag("scoping")
class ScopingTest {

  @RegisterExtension static final FlakyDownstream provider = FlakyDownstream.create("payments.provider.url");

  private Harness h;

  @BeforeEach
  void start(TestInfo info) throws Exception {
    h = new Harness(provider, "scoping " + info.getDisplayName());
    h.providerCharges();
  }

  @AfterEach
  void stop() {
    h.close();
  }

  @Test
  void theSameKeyFromAnotherClientIsAnotherPayment() {
    String alice = h.clientId();
    String bob = h.clientId();
    String key = h.key();
    String body = h.body();
    Resp a = h.post(alice, key, body);
    Resp b = h.post(bob, key, body);
    assertEquals(201, a.status(), "client A's first request: expected 201, got " + a);
    assertEquals(201, b.status(), "client B using the key client A used, same payload: expected a new payment (201), got " + b);
    assertNotNull(a.paymentId(), "expected a payment id in " + a);
    assertNotEquals(a.paymentId(), b.paymentId(),
        "client B using client A's key got client A's payment " + a.paymentId() + "; keys are scoped per client");
    assertEquals(1, h.payments(alice), "client A has " + h.payments(alice) + " payments stored; expected 1");
    assertEquals(1, h.payments(bob), "client B has " + h.payments(bob) + " payments stored; expected 1");
    assertEquals(2, h.charges(), "two clients, one key each: the provider was charged " + h.charges()
        + " times; expected 2");
    Resp bAgain = h.post(bob, key, body);
    assertNotEquals(a.body(), bAgain.body(), "client B's retry was answered with client A's response " + a
        + "; keys are scoped per client");
    Precondition.require("replay-byte-for-byte", bAgain.repeats(b),
        () -> "client B's retry was not the replay of client B's response: got " + bAgain);
    Resp aOther = h.post(alice, key, h.body());
    Precondition.require("other-payload-422", aOther.status() == 422, () -> "client A reusing its key with another"
        + " payload: expected 422 (client B's use must not matter), got " + aOther);
  }

  /**
   * A key that failed and is taken again belongs to its client too: after client A's attempt with a key fails and its
   * retry succeeds, client B's finished payment under the same key still replays, and client C's failed attempt
   * under it is still retried as C's own.
   */
  @Test
  void anotherClientsFailedAndRetriedKeyLeavesThisClientsKeyAlone() {
    String alice = h.clientId();
    String bob = h.clientId();
    String carol = h.clientId();
    String key = h.key();
    String bobBody = h.body();
    Resp bob1 = h.post(bob, key, bobBody);
    assertEquals(201, bob1.status(), "client B's first request: expected 201, got " + bob1);
    provider.sequence("POST", Harness.CHARGES, Reply.status(500), Reply.status(503), Harness.chargeReply(),
        Harness.chargeReply());
    String carolBody = h.body();
    Resp carol1 = h.post(carol, key, carolBody);
    Precondition.require("provider-error-502-key-not-used-up", carol1.status() == 502,
        () -> "client C, the provider answering 500: expected 502, got " + carol1);
    String aliceBody = h.body();
    Resp alice1 = h.post(alice, key, aliceBody);
    Precondition.require("provider-error-502-key-not-used-up", alice1.status() == 502,
        () -> "client A, the provider answering 503: expected 502, got " + alice1);
    Resp alice2 = h.post(alice, key, aliceBody);
    Precondition.require("provider-error-502-key-not-used-up", alice2.status() == 201,
        () -> "client A's retry after a 502, the provider healthy again: expected 201, got " + alice2);
    String story = "clients B, C and A used the same key: B paid (201); C got 502 (the provider failed); A got 502 "
        + "and then 201 on a retry";
    Resp bob2 = h.post(bob, key, bobBody);
    Precondition.require("replay-byte-for-byte", bob2.status() != 201 || bob2.repeats(bob1),
        () -> story + "; B's retry of its paid request got " + bob2 + ", not the replay of " + bob1);
    assertEquals(bob1.status(), bob2.status(), story + "; then B's retry of its paid request got " + bob2
        + ", expected the replay of its 201: keys belong to a client, so A's retry must not touch B's key");
    Resp carol2 = h.post(carol, key, carolBody);
    assertEquals(201, carol2.status(), story + "; then C's retry got " + carol2 + ", expected its payment now (201):"
        + " C's key is C's own, not used up by its failure, and A's retry must not touch it");
    assertEquals(1, h.payments(bob), "client B has " + h.payments(bob) + " payments stored; expected 1");
    assertEquals(1, h.payments(alice), "client A has " + h.payments(alice) + " payments stored; expected 1");
    assertEquals(1, h.payments(carol), "client C has " + h.payments(carol) + " payments stored; expected 1");
  }

  @Test
  void theProviderKeyDiffersBetweenClientsAndKeys() {
    String alice = h.clientId();
    String bob = h.clientId();
    String key = h.key();
    String otherKey = h.key();
    assertEquals(201, h.post(alice, key, h.body()).status(), "client A, key 1: expected 201");
    assertEquals(201, h.post(bob, key, h.body()).status(), "client B, key 1: expected 201");
    assertEquals(201, h.post(alice, otherKey, h.body()).status(), "client A, key 2: expected 201");
    List<String> keys = h.downstreamKeys();
    assertEquals(3, keys.size(), "three payments: expected 3 provider charges, saw " + keys.size());
    for (String k : keys) {
      assertNotNull(k, "every charge must carry an Idempotency-Key for the provider; saw " + keys);
    }
    assertEquals(3, keys.stream().distinct().count(),
        "the provider deduplicates on its Idempotency-Key: (client A, key 1), (client B, key 1) and (client A, key 2)"
            + " must send three different provider keys, saw " + keys);
  }

  @Test
  void keysThatDifferOnlyInCaseOrWhereClientAndKeyMeetAreDifferent() {
    String client = h.clientId();
    String key = "Order-" + Long.toHexString(h.random.nextLong() & Long.MAX_VALUE).toUpperCase(java.util.Locale.ROOT);
    List<String[]> requests = new java.util.ArrayList<>(List.of(
        new String[] {client, key}, new String[] {client, key.toLowerCase(java.util.Locale.ROOT)},
        new String[] {client.toUpperCase(java.util.Locale.ROOT), key}));
    // Client and key joined, with or without a separator, must not meet: (c + sep + x, y) and (c, x + sep + y) are
    // two keys.
    for (String sep : List.of("", ":", "|", "/", "-", "_", ".", "#")) {
      requests.add(new String[] {client + sep + "x", "y"});
      requests.add(new String[] {client, "x" + sep + "y"});
    }
    java.util.Set<String> payments = new java.util.HashSet<>();
    for (String[] r : requests) {
      Resp resp = h.post(r[0], r[1], h.body());
      assertEquals(201, resp.status(), "client " + r[0] + " with Idempotency-Key " + r[1] + ", a key it never"
          + " used (keys and client ids are compared exactly, case included, and keys belong to their client):"
          + " expected a new payment"
          + " (201), got " + resp);
      payments.add(resp.paymentId());
    }
    assertEquals(requests.size(), payments.size(), requests.size() + " different (client, key) pairs: expected as"
        + " many payments, got " + payments.size());
    assertEquals(requests.size(), h.downstreamKeys().stream().distinct().count(), requests.size() + " different"
        + " (client, key) pairs must send as many different provider keys; saw " + h.downstreamKeys());
  }
}
