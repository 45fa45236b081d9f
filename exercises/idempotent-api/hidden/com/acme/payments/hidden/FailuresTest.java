package com.acme.payments.hidden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.acme.payments.hidden.Harness.Resp;
import dev.grader.support.precondition.Precondition;
import dev.grader.support.wiremock.FlakyDownstream;
import dev.grader.support.wiremock.Hold;
import dev.grader.support.wiremock.Reply;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The provider fails or its answer is lost: the key is not poisoned and a retry charges once. */
@Tag("failures")
class FailuresTest {

  @RegisterExtension static final FlakyDownstream provider = FlakyDownstream.create("payments.provider.url");

  private Harness h;

  @BeforeEach
  void start(TestInfo info) throws Exception {
    h = new Harness(provider, "failures " + info.getDisplayName());
  }

  @AfterEach
  void stop() {
    h.close();
  }

  @Test
  void aProviderErrorDoesNotPoisonTheKey() {
    // Every kind of non-2xx answer, in a random order (a 4xx among them): each is a 502 that leaves the key usable,
    // whatever the code says (a 503 or a 429 "come back later" and a 504 included: the table has one row for them).
    int refused = List.of(400, 402, 404, 409, 422).get(h.random.nextInt(5));
    List<Integer> codes = new ArrayList<>(List.of(refused, 429, 500, 502, 503, 504));
    Collections.shuffle(codes, h.random);
    List<Reply> replies = new ArrayList<>();
    codes.forEach(code -> replies.add(Reply.status(code)));
    replies.add(Harness.chargeReply());
    provider.sequence("POST", Harness.CHARGES, replies.toArray(Reply[]::new));
    String client = h.clientId();
    String key = h.key();
    String body = h.body();
    int attempt = 0;
    for (int code : codes) {
      attempt++;
      Resp answer = h.post(client, key, body);
      assertEquals(502, answer.status(), "attempt " + attempt + " with the key: the provider answered " + code
          + " (answers so far: " + codes.subList(0, attempt) + "): expected 502, got " + answer);
      assertEquals(0, h.payments(client), "the provider answered " + code + ", yet " + h.payments(client)
          + " payments were stored; expected none");
    }
    int charges = codes.size() + 1;
    Resp retry = h.post(client, key, body);
    assertEquals(201, retry.status(), "a retry with the same key after the provider answered " + codes
        + " (the key is not used up: a retry tries again): expected the payment to be made now (201), got " + retry);
    assertEquals(1, h.payments(client), h.payments(client) + " payments stored after the retry; expected 1");
    assertEquals(charges, h.charges(), codes.size() + " failed attempts and one successful one: the provider saw "
        + h.charges() + " charges; expected " + charges);
    Resp replay = h.post(client, key, body);
    Precondition.require("replay-byte-for-byte", replay.repeats(retry) && h.charges() == charges,
        () -> "after the successful retry the same request got " + replay + ", " + h.charges()
            + " charges in all: not the retry's replay without a new charge");
    List<String> keys = h.downstreamKeys();
    assertNotNull(keys.get(0), "the charge carried no Idempotency-Key for the provider");
    assertEquals(1, keys.stream().distinct().count(), "after the provider answered " + codes
        + " you do not know whether it charged: every attempt for the same (client, key) sends the same provider"
        + " key, also after a provider failure; saw " + keys);
  }

  @Test
  void aProviderTimeoutIs504AndARetryReusesTheProviderKey() throws Exception {
    h.service = h.startService(Harness.SHORT_PROVIDER_TIMEOUT);
    // the first charge is held until the service has given up on it: nothing waits beyond the service's timeout
    Hold hold = provider.hold(Harness.BEYOND_SHORT_TIMEOUT);
    provider.sequence("POST", Harness.CHARGES, Harness.chargeReply().heldBy(hold), Harness.chargeReply());
    String client = h.clientId();
    String key = h.key();
    String body = h.body();
    long started = System.nanoTime();
    Resp first = h.post(client, key, body);
    long millis = (System.nanoTime() - started) / 1_000_000;
    hold.release();
    assertEquals(504, first.status(), "the provider did not answer within the provider timeout the service was"
        + " started with (" + Harness.SHORT_PROVIDER_TIMEOUT.toMillis() + " ms): expected 504, got " + first
        + " after " + millis + " ms");
    Resp retry = h.post(client, key, body);
    assertEquals(201, retry.status(), "a retry with the same key after a provider timeout: expected 201, got " + retry);
    int charges = h.chargesAtLeast(2);
    List<String> keys = h.downstreamKeys();
    assertEquals(2, charges, "a timed-out attempt and its retry: the provider saw " + charges + " requests; expected 2");
    assertNotNull(keys.get(0), "the charge carried no Idempotency-Key for the provider");
    assertEquals(keys.get(0), keys.get(1),
        "the timed-out charge may have gone through, so its retry must send the same provider Idempotency-Key;"
            + " saw " + keys + ": the customer may be charged twice");
    assertEquals(1, h.payments(client), h.payments(client) + " payments stored; expected 1");
  }

  /** The retry reaches another instance over the same database, as a load balancer may send it. */
  @Test
  void aLostResponseIsRetriedWithTheSameProviderKey() throws Exception {
    // the provider logs the charge, then the connection is reset: charged, but the answer is lost
    provider.sequence("POST", Harness.CHARGES, Reply.connectionReset(), Harness.chargeReply());
    String client = h.clientId();
    String key = h.key();
    String body = h.body();
    Resp first = h.post(client, key, body);
    assertEquals(502, first.status(), "the provider's connection was reset: expected 502, got " + first);
    Resp retry = h.post(h.startService(), client, key, body);
    assertEquals(201, retry.status(), "a retry with the same key after a lost provider response, on a second instance"
        + " over the same database: expected 201, got " + retry);
    List<String> keys = h.downstreamKeys();
    assertEquals(2, keys.size(), "the provider saw " + keys.size() + " charge requests; expected 2 (reset, retry)");
    assertNotNull(keys.get(0), "the charge carried no Idempotency-Key for the provider");
    assertEquals(keys.get(0), keys.get(1),
        "the provider recorded the first charge before its answer was lost; the retry, on a second instance over the"
            + " same database, sent another provider Idempotency-Key (" + keys + "), so the customer is charged twice:"
            + " every attempt for the same (client, key) sends the same provider key, whichever instance makes it");
    assertEquals(1, h.payments(client), h.payments(client) + " payments stored; expected 1");
  }

  @Test
  void everyProvider2xxIsACharge() {
    for (int status : new int[] {200, 202}) {
      provider.stub("POST", Harness.CHARGES, dev.grader.support.wiremock.Reply.json(
          status, "{\"id\":\"ch_" + status + "_" + h.random.nextInt(1_000_000) + "\",\"status\":\"succeeded\"}"));
      String client = h.clientId();
      String key = h.key();
      String body = h.body();
      int before = h.charges();
      Resp first = h.post(client, key, body);
      assertEquals(201, first.status(), "the provider answered " + status + ": a 2xx answer means the customer was"
          + " charged; expected 201, got " + first);
      Resp retry = h.post(client, key, body);
      // A service that replays nothing at all breaks the replay rule; one that replays a 201 charge but not this one
      // breaks this rule, and the replay rule's own tests pass then, so this test still counts as failed.
      Precondition.require("replay-byte-for-byte", retry.repeats(first) && h.charges() == before + 1,
          () -> "a retry after a charge the provider answered with " + status + " got " + retry + ", "
              + (h.charges() - before) + " charges: not the replay of the first answer without a new charge");
    }
  }
}
