package com.acme.payments.hidden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.acme.payments.PaymentService;
import com.acme.payments.hidden.Harness.Resp;
import dev.grader.support.precondition.Precondition;
import dev.grader.support.wiremock.FlakyDownstream;
import dev.grader.support.wiremock.Hold;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What is stored, for how long, and where. */
@Tag("lifecycle")
class LifecycleTest {

  @RegisterExtension static final FlakyDownstream provider = FlakyDownstream.create("payments.provider.url");

  private Harness h;

  @BeforeEach
  void start(TestInfo info) throws Exception {
    h = new Harness(provider, "lifecycle " + info.getDisplayName());
    h.providerCharges();
  }

  @AfterEach
  void stop() {
    h.close();
  }

  @Test
  void aValidationFailureIsNotStored() {
    String client = h.clientId();
    String key = h.key();
    long amount = h.amount();
    String reference = h.reference();
    Resp bad = h.post(client, key, Harness.body(-amount, "EUR", reference));
    assertEquals(400, bad.status(), "amount " + (-amount) + ": expected 400, got " + bad);
    assertEquals(0, h.charges(), "an invalid request charged the provider " + h.charges() + " times; expected none");
    Resp fixed = h.post(client, key, Harness.body(amount, "EUR", reference));
    assertEquals(201, fixed.status(), "the corrected request with the key of a request refused with 400: expected it"
        + " processed (201), as a validation failure is not stored; got " + fixed);
    assertEquals(1, h.charges(), "the provider was charged " + h.charges() + " times; expected once");
    assertEquals(1, h.payments(client), h.payments(client) + " payments stored; expected 1");
  }

  @Test
  void aKeyIsKeptFor24HoursThenCountsAsNew() {
    // The first request at a random millisecond: a key whose time is kept in whole seconds is kept too long or too
    // short, and the last step below, one millisecond past the 24 hours, tells.
    h.clock.advance(Duration.ofMillis(1 + h.random.nextInt(999)));
    String client = h.clientId();
    String key = h.key();
    String body = h.body();
    Resp first = h.post(client, key, body);
    assertEquals(201, first.status(), "a new payment: expected 201, got " + first);

    h.clock.advance(Duration.ofHours(24).minusSeconds(1));
    Resp withinRetention = h.post(client, key, body);
    // A service that replays nothing breaks the replay rule; one that forgets its keys too early breaks this one
    // (the replay rule's own tests pass then, so this test still counts as failed).
    Precondition.require("replay-byte-for-byte", withinRetention.repeats(first) && h.charges() == 1,
        () -> "23:59:59 after the first request (on the service's clock): expected the replay and no new charge, got "
            + withinRetention + ", " + h.charges() + " charges");

    h.clock.advance(Duration.ofSeconds(1));
    Resp atRetention = h.post(client, key, body);
    assertTrue(atRetention.repeats(first), "exactly 24:00:00 after the first request (on the service's clock):"
        + " expected the replay of " + first + " (the brief: up to and including 24 hours after a key's first request,"
        + " it replays), got " + atRetention);
    assertEquals(1, h.charges(), "exactly 24:00:00 later: the provider was charged " + h.charges()
        + " times; expected once (the key is kept up to and including 24 hours)");

    h.clock.advance(Duration.ofMillis(1));
    Resp afterRetention = h.post(client, key, body);
    assertEquals(201, afterRetention.status(),
        "24:00:00.001 after the first request (on the service's clock) the key counts as new: expected 201, got "
            + afterRetention);
    assertNotEquals(first.paymentId(), afterRetention.paymentId(),
        "24:00:00.001 later: expected a new payment, got the first one replayed (" + afterRetention + ")");
    assertEquals(2, h.charges(), "24:00:00.001 later: the provider was charged " + h.charges()
        + " times in all; expected 2 (the key counts as new)");
    assertEquals(2, h.payments(client), h.payments(client) + " payments stored; expected 2");
    List<String> keys = h.downstreamKeys();
    assertEquals(2, h.distinctCharges(), "24:00:00.001 later the key counts as new: a new charge. The provider"
        + " deduplicates on its Idempotency-Key, and the new payment sent the first payment's provider key " + keys
        + ", so the provider answered with the first charge: a second payment was stored, the customer charged once");
  }

  /**
   * The 24 hours run from the key's first request, not from the moment its payment was made: the provider holds the
   * first charge while the service's clock moves on by hours, so the payment is made that much later than the
   * request. 24:00:00.001 after the request the key counts as new, though the payment is younger than 24 hours.
   */
  @Test
  void retentionRunsFromTheFirstRequestNotFromThePayment() throws Exception {
    String client = h.clientId();
    String key = h.key();
    String body = h.body();
    Hold hold = provider.hold(Duration.ofSeconds(20));
    h.providerChargesHeldBy(hold);
    CompletableFuture<Resp> answer = CompletableFuture.supplyAsync(() -> h.post(client, key, body));
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    while (hold.arrivals() == 0 && !answer.isDone() && System.nanoTime() < until) {
      Thread.sleep(5);
    }
    Duration late = Duration.ofHours(1 + h.random.nextInt(12)).plusSeconds(h.random.nextInt(3600));
    h.clock.advance(late);
    hold.release();
    Resp first = answer.get(20, TimeUnit.SECONDS);
    assertEquals(201, first.status(), "a new payment whose charge the provider held while the service's clock moved"
        + " on by " + late + ": expected 201, got " + first);
    h.providerCharges();
    h.clock.advance(Duration.ofHours(24).minus(late).plusMillis(1));
    Resp after = h.post(client, key, body);
    assertEquals(201, after.status(), "24:00:00.001 after the key's first request (its payment was made " + late
        + " after that request, as the provider held the charge) the key counts as new: expected 201, got " + after
        + ". The brief: up to and including 24 hours after a key's first request it replays; after that the key"
        + " counts as new");
    assertNotEquals(first.paymentId(), after.paymentId(), "24:00:00.001 after the key's first request: expected a"
        + " new payment, got the first one replayed (" + after + ")");
    assertEquals(2, h.payments(client), h.payments(client) + " payments stored; expected 2");
  }

  @Test
  void afterRetentionAnotherPayloadUnderTheKeyIsANewPayment() {
    String client = h.clientId();
    String key = h.key();
    Resp first = h.post(client, key, h.body());
    assertEquals(201, first.status(), "a new payment: expected 201, got " + first);
    h.clock.advance(Duration.ofHours(24).plusMinutes(1 + h.random.nextInt(600)));
    String otherBody = h.body();
    Resp other = h.post(client, key, otherBody);
    assertEquals(201, other.status(), "more than 24 hours after the first request the key counts as new, so another"
        + " payload under it is a new payment (201), not a mismatch (422); got " + other);
    assertEquals(2, h.payments(client), h.payments(client) + " payments stored; expected 2");
    // The key's 24 hours now run from the request that made the second payment.
    Resp again = h.post(client, key, otherBody);
    assertTrue(again.repeats(other), "the key now belongs to the second payment, kept for 24 hours from the request"
        + " that made it: the same request again must replay " + other + ", got " + again);
    Resp replay = h.post(client, key, h.body());
    Precondition.require("other-payload-422", replay.status() == 422,
        () -> "the key now belongs to the second payment, so a third payload is 422; got " + replay);
  }

  @Test
  void aNewServiceInstanceOverTheSameDatabaseReplays() throws Exception {
    String client = h.clientId();
    String key = h.key();
    String body = h.body();
    Resp first = h.post(client, key, body);
    assertEquals(201, first.status(), "a new payment: expected 201, got " + first);
    // Replaying on the same instance is the replay rule's; this test is about what a new instance remembers.
    Resp sameInstance = h.post(client, key, body);
    Precondition.require("replay-byte-for-byte", sameInstance.repeats(first) && h.charges() == 1,
        () -> "the same request again on the same instance: expected the replay and no new charge, got "
            + sameInstance + ", " + h.charges() + " charges");
    h.service.close();
    PaymentService second = h.startService();
    Resp replay = h.post(second, client, key, body);
    assertEquals(first.status(), replay.status(),
        "a new service instance over the same database: expected the first status replayed, got " + replay);
    assertEquals(sameInstance.body(), replay.body(),
        "a new service instance over the same database: expected the replay the first instance gave, byte for byte ("
            + sameInstance + "), got " + replay);
    assertEquals(1, h.charges(), "after a restart the same request charged the provider again ("
        + h.charges() + " charges); the keys must live in the database");
  }

  /**
   * The tests may start a second instance over the same database: payments made through two instances at once, and
   * through a third started after one of them stopped, are each a new payment (201) with an id of its own, one row
   * each.
   */
  // Weighs enough to pay back the concurrency test that needs two instances making payments before it can check its
  // own rule.
  @Test
  @Tag("weight:2")
  void paymentsThroughSeveralInstancesOfOneDatabaseAreAllMade() throws Exception {
    String client = h.clientId();
    PaymentService second = h.startService();
    List<Resp> made = new ArrayList<>();
    made.add(h.post(client, h.key(), h.body()));
    made.add(h.post(second, client, h.key(), h.body()));
    made.add(h.post(client, h.key(), h.body()));
    second.close();
    PaymentService third = h.startService();
    made.add(h.post(third, client, h.key(), h.body()));
    made.add(h.post(third, client, h.key(), h.body()));
    String where = "five new payments (new keys) through the first instance, a second one running beside it, the "
        + "first again, then a third started after the second stopped, all over one database";
    assertEquals(List.of(201, 201, 201, 201, 201), made.stream().map(Resp::status).toList(), where + ": " + made);
    assertEquals(5, made.stream().map(Resp::paymentId).distinct().count(), where + ": payment ids " + made.stream()
        .map(Resp::paymentId).toList() + "; each payment has an id of its own");
    assertEquals(5, h.payments(client), where + ": rows in payments");
  }
}
