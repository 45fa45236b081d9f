package com.acme.payments.hidden;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.acme.payments.PaymentService;
import com.acme.payments.hidden.Harness.Resp;
import dev.grader.support.precondition.Precondition;
import dev.grader.support.wiremock.FlakyDownstream;
import dev.grader.support.wiremock.Hold;
import dev.grader.support.wiremock.Reply;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Requests that overlap: one charge per key, 409 while in flight, no global lock. */
@Tag("concurrency")
class ConcurrencyTest {

  @RegisterExtension static final FlakyDownstream provider = FlakyDownstream.create("payments.provider.url");

  private static final int CALLERS = 20;
  /**
   * The longest the first charge of a round is held in progress while the other callers arrive, for services started
   * with {@link #LONG_PROVIDER_TIMEOUT}. A service that answers the others at once releases it as soon as they have
   * their answers, so only a service that makes them wait waits this long; it is long enough that a loaded machine
   * answers twenty callers within it (0.3 s was not: late callers then met the finished payment, a replay).
   */
  private static final Duration LONGER_ROUND_HOLD = Duration.ofMillis(1000);
  /** Far beyond {@link #LONGER_ROUND_HOLD} plus a loaded machine's lag: a held charge never times out. */
  private static final Duration LONG_PROVIDER_TIMEOUT = Duration.ofSeconds(6);
  /**
   * Longest wait of a request at the database's door for the other callers (a service that answers some from memory,
   * or runs fewer handler threads, sends fewer); well within {@link #LONGER_ROUND_HOLD}.
   */
  private static final Duration DOOR_WAIT = Duration.ofMillis(300);

  private Harness h;
  private ExecutorService pool;

  @BeforeEach
  void start(TestInfo info) throws Exception {
    h = new Harness(provider, "concurrency " + info.getDisplayName());
    pool = Executors.newFixedThreadPool(CALLERS);
  }

  @AfterEach
  void stop() {
    pool.shutdownNow();
    h.close();
  }

  @Test
  void twentyIdenticalRequestsReleasedTogetherChargeOnce() throws Exception {
    identicalRequestsChargeOnce(List.of(h.startService(LONG_PROVIDER_TIMEOUT)), 3, "", LONGER_ROUND_HOLD);
  }

  @Test
  void identicalRequestsSpreadOverTwoInstancesChargeOnce() throws Exception {
    List<PaymentService> instances =
        List.of(h.startService(LONG_PROVIDER_TIMEOUT), h.startService(LONG_PROVIDER_TIMEOUT));
    // Each instance first makes a payment of its own: instances that cannot both make payments while the other runs
    // break the rule on payments across instances, not this one.
    h.providerCharges();
    String client = h.clientId();
    List<Resp> own = new ArrayList<>();
    for (PaymentService instance : instances) {
      own.add(h.post(instance, client, h.key(), h.body()));
    }
    Precondition.require("payments-across-instances", own.stream().allMatch(r -> r.status() == 201),
        () -> "a new payment (a new key) through each of two instances running at once: expected 201 from both, got "
            + own);
    // a longer longest wait, with services started with a provider timeout far beyond it: the charge must still be in
    // progress when the other instance's requests arrive; a service that answers them at once never waits for it
    identicalRequestsChargeOnce(instances, 2, " spread over two service instances", LONGER_ROUND_HOLD);
  }

  @Test
  void identicalRequestsForAnExpiredKeyChargeOnce() throws Exception {
    h.service = h.startService(LONG_PROVIDER_TIMEOUT);
    h.providerCharges();
    String client = h.clientId();
    String key = h.key();
    String body = h.body();
    Resp first = h.post(client, key, body);
    assertEquals(201, first.status(), "a new payment: expected 201, got " + first);
    h.clock.advance(Duration.ofHours(25));
    String what = CALLERS + " identical requests released together 25 hours after the key's first request (it counts"
        + " as new): ";
    Burst burst = burst(client, key, body, what);
    boolean replayedOnly = burst.charges() == 0 && h.payments(client) == 1
        && burst.statuses().keySet().equals(Set.of(201));
    Precondition.require("retention-24h-injected-clock", !replayedOnly, () -> what + "every one was answered with"
        + " the first payment's replay and none charged: the key did not count as new after 25 hours");
    burst.chargedOnce(2);
  }

  @Test
  void identicalRetriesOfAFailedChargeChargeOnce() throws Exception {
    h.service = h.startService(LONG_PROVIDER_TIMEOUT);
    int failed = List.of(500, 502, 503).get(h.random.nextInt(3));
    provider.stub("POST", Harness.CHARGES, Reply.status(failed));
    String client = h.clientId();
    String key = h.key();
    String body = h.body();
    Resp first = h.post(client, key, body);
    Precondition.require("provider-error-502-key-not-used-up", first.status() == 502,
        () -> "the provider answered " + failed + ": expected 502, got " + first);
    String what = CALLERS + " identical retries released together after the key's first request failed (the provider"
        + " answered " + failed + "; the key is not used up): ";
    Burst burst = burst(client, key, body, what);
    Precondition.require("provider-error-502-key-not-used-up", burst.charges() > 0,
        () -> what + "none reached the provider (statuses " + burst.statuses() + "): the failed key was used up");
    burst.chargedOnce(1);
  }

  /** What a burst of identical requests on one key got: their statuses, and the charges they made. */
  private record Burst(String what, Map<Integer, Integer> statuses, int charges, int payments) {

    /** One charge, {@code expected} payments of the client in all, and only 201s and 409s. */
    void chargedOnce(int expected) {
      assertEquals(1, charges, what + "the provider was charged " + charges + " times; expected exactly one new charge"
          + " (statuses " + statuses + ")");
      assertEquals(expected, payments, what + payments + " payments stored in all; expected " + expected
          + " (statuses " + statuses + ")");
      for (int status : statuses.keySet()) {
        assertTrue(status == 201 || status == 409, what + "expected only 201 and 409, got statuses " + statuses);
      }
    }
  }

  /**
   * {@link #CALLERS} identical requests on an existing key, released together while the provider charges and holds its
   * answers (until every caller has its answer or a charge waiting).
   */
  private Burst burst(String client, String key, String body, String what) throws Exception {
    provider.server().resetRequests();
    Hold hold = provider.hold(LONGER_ROUND_HOLD);
    h.providerChargesHeldBy(hold);
    List<Future<Resp>> futures = releaseTogether(List.of(h.service), client, key, body);
    releaseOnceTheOthersAnswered(futures, hold);
    Map<Integer, Integer> statuses = new TreeMap<>();
    for (Future<Resp> f : futures) {
      statuses.merge(f.get(15, TimeUnit.SECONDS).status(), 1, Integer::sum);
    }
    return new Burst(what, statuses, h.chargesAtLeast(1), h.payments(client));
  }

  /**
   * The callers' requests, sent at once; they reach the database together too: each request's first connection waits
   * at the {@link ArrivalGate} until every caller's request is there (at most {@link #DOOR_WAIT}).
   */
  private List<Future<Resp>> releaseTogether(List<PaymentService> targets, String client, String key, String body) {
    h.gate.arm(CALLERS, DOOR_WAIT);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<Resp>> futures = new ArrayList<>();
    for (int i = 0; i < CALLERS; i++) {
      PaymentService target = targets.get(i % targets.size());
      futures.add(pool.submit(() -> {
        go.await();
        return h.post(target, client, key, body);
      }));
    }
    go.countDown();
    return futures;
  }

  private void identicalRequestsChargeOnce(List<PaymentService> targets, int rounds, String where, Duration longest)
      throws Exception {
    for (int round = 1; round <= rounds; round++) {
      provider.server().resetRequests();
      // the first charge is still running when the others arrive: its answer is held until every caller
      // that did not reach the provider has its answer (or until `longest`, for a service that makes them wait)
      Hold hold = provider.hold(longest);
      h.providerChargesHeldBy(hold);
      String client = h.clientId();
      String key = h.key();
      String body = h.body();
      List<Future<Resp>> futures = releaseTogether(targets, client, key, body);
      releaseOnceTheOthersAnswered(futures, hold);
      Map<Integer, Integer> statuses = new TreeMap<>();
      List<Resp> created = new ArrayList<>();
      for (Future<Resp> f : futures) {
        Resp r = f.get(15, TimeUnit.SECONDS);
        statuses.merge(r.status(), 1, Integer::sum);
        if (r.status() == 201) {
          created.add(r);
        }
      }
      int charges = h.chargesAtLeast(1);
      int stored = h.payments(client);
      String what = CALLERS + " identical requests released together" + where + " (round " + round + "): ";
      assertEquals(1, charges, what + "the provider was charged " + charges + " times and " + stored
          + " payments were stored; expected exactly one charge and one payment (statuses " + statuses + ")");
      assertEquals(1, stored, what + stored + " payments were stored; expected exactly one (statuses " + statuses + ")");
      for (int status : statuses.keySet()) {
        assertTrue(status == 201 || status == 409, what + "expected only 201 (the payment or its replay) and 409"
            + " (still in flight), got statuses " + statuses);
      }
      assertTrue(!created.isEmpty(), what + "no request got the payment (201); statuses " + statuses);
      for (Resp r : created) {
        assertEquals(created.get(0).paymentId(), r.paymentId(),
            what + "every 201 must be the one payment; got " + created.get(0).body() + " and " + r.body());
      }
      // The one payment, answered again byte for byte, is the replay rule's (a service whose replays rewrite the
      // stored body breaks that rule, not this one).
      Precondition.require("replay-byte-for-byte", created.stream().allMatch(r -> r.body().equals(created.get(0).body())),
          () -> what + "the 201s of the one payment differ byte for byte: " + created.stream().map(Resp::body).toList());
    }
  }

  /**
   * Releases {@code hold} once every caller has either its answer or a charge waiting at the provider:
   * nothing more can happen until the held charges are answered. A service that keeps callers waiting
   * for the held charge never gets there; its hold lets go by itself after its longest wait.
   */
  private void releaseOnceTheOthersAnswered(List<Future<Resp>> futures, Hold hold) throws InterruptedException {
    long end = System.nanoTime() + hold.atMost().toNanos();
    while (System.nanoTime() < end) {
      long answered = futures.stream().filter(Future::isDone).count();
      if (answered + hold.arrivals() >= futures.size()) {
        h.gate.open();
        hold.release();
        return;
      }
      TimeUnit.MILLISECONDS.sleep(2);
    }
    h.gate.open();
  }

  /** A first request with a new key, sent and waiting at the provider, whose answer {@code hold} keeps back. */
  private record InFlight(Hold hold, String client, String key, String body,
      CompletableFuture<HttpResponse<String>> first) {}

  /** Sends a first request whose charge the provider holds (at most 1 s, until the test releases it). */
  private InFlight aRequestWaitingForTheProvider() {
    Hold hold = provider.hold(Duration.ofMillis(1000)); // the first charge is in progress until the retry answered
    h.providerChargesHeldBy(hold);
    String client = h.clientId();
    String key = h.key();
    String body = h.body();
    CompletableFuture<HttpResponse<String>> first = Harness.CLIENT.sendAsync(
        h.request(h.service, client, key, body), HttpResponse.BodyHandlers.ofString());
    assertEquals(1, h.chargesAtLeast(1), "the first request did not reach the provider within 2 s");
    return new InFlight(hold, client, key, body, first);
  }

  @Test
  void aRetryWhileTheFirstRequestIsInFlightGets409() throws Exception {
    InFlight f = aRequestWaitingForTheProvider();
    // The injected clock moves on while the first request waits, well within the key's 24 hours: still in progress.
    Duration moved = Duration.ofMinutes(1 + h.random.nextInt(23 * 60));
    h.clock.advance(moved);
    Resp second = h.post(f.client(), f.key(), f.body());
    boolean firstStillRunning = !f.first().isDone();
    f.hold().release();
    HttpResponse<String> firstResponse = f.first().get(15, TimeUnit.SECONDS);
    assertEquals(409, second.status(),
        "a retry while the first request with its key was still waiting for the provider (the injected clock had moved "
            + moved.toMinutes() + " minutes on, within the key's 24 hours): expected 409 at once, got " + second
            + (firstStillRunning ? "" : " only after the first request had finished"));
    assertTrue(Harness.isErrorBody(second.body()),
        "the 409 for a request still in progress: error responses have a JSON body {\"error\": \"...\"}; got '"
            + second.body() + "'");
    assertEquals(201, firstResponse.statusCode(), "the first request: expected 201, got " + firstResponse.statusCode()
        + " " + firstResponse.body());
    assertEquals(1, h.charges(), "the provider was charged " + h.charges() + " times; expected once");
    Resp third = h.post(f.client(), f.key(), f.body());
    Precondition.require("replay-byte-for-byte",
        third.repeats(new Resp(firstResponse.statusCode(), firstResponse.body())) && h.charges() == 1,
        () -> "a retry after the first finished: expected its replay, got " + third);
  }

  /**
   * A second instance of the service starts while a request is in flight on the first (a deploy, a scale-up): the key
   * is still in progress for it, whatever the new instance does when it starts.
   */
  @Test
  void anInstanceStartedWhileARequestIsInFlightAnswersItsRetryWith409() throws Exception {
    InFlight f = aRequestWaitingForTheProvider();
    PaymentService started = h.startService();
    Resp second = h.post(started, f.client(), f.key(), f.body());
    boolean firstStillRunning = !f.first().isDone();
    f.hold().release();
    HttpResponse<String> firstResponse = f.first().get(15, TimeUnit.SECONDS);
    assertEquals(409, second.status(), "a retry on a service instance started while the first request with its key"
        + " was waiting for the provider (on another instance over the same database): expected 409, the key is still"
        + " in progress; got " + second + (firstStillRunning ? "" : " only after the first request had finished"));
    assertEquals(201, firstResponse.statusCode(), "the first request: expected 201, got " + firstResponse.statusCode()
        + " " + firstResponse.body());
    assertEquals(1, h.charges(), "the provider was charged " + h.charges() + " times; expected once");
    assertEquals(1, h.payments(f.client()), h.payments(f.client()) + " payments stored; expected 1");
    Resp third = h.post(started, f.client(), f.key(), f.body());
    Precondition.require("replay-byte-for-byte",
        third.repeats(new Resp(firstResponse.statusCode(), firstResponse.body())) && h.charges() == 1,
        () -> "a retry on the new instance after the first finished: expected its replay, got " + third);
  }

  @Test
  void differentKeysDoNotWaitForEachOther() throws Exception {
    h.service = h.startService(LONG_PROVIDER_TIMEOUT); // key A's held charge never times out
    String slowReference = h.reference() + "-slow";
    h.providerCharges();
    // Key A's charge is in progress until key B's answer came; a service that makes B wait for A answers B only after
    // A's charge was let go at the end of the hold's 3 s (well within the service's provider timeout).
    Hold hold = provider.hold(Duration.ofMillis(3000));
    provider.stub(post(urlPathEqualTo(Harness.CHARGES)).withRequestBody(containing(slowReference)),
        Reply.json(201, "{\"id\":\"ch_slow\",\"status\":\"succeeded\"}").heldBy(hold));
    String client = h.clientId();
    CompletableFuture<HttpResponse<String>> slow = Harness.CLIENT.sendAsync(
        h.request(h.service, client, h.key(), Harness.body(h.amount(), "EUR", slowReference)),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(1, h.chargesAtLeast(1), "the slow request did not reach the provider within 2 s");
    long started = System.nanoTime();
    Resp fast = h.post(client, h.key(), h.body());
    long fastMillis = (System.nanoTime() - started) / 1_000_000;
    boolean slowWasStillHeld = hold.expired() == 0;
    hold.release();
    HttpResponse<String> slowResponse = slow.get(15, TimeUnit.SECONDS);
    assertEquals(201, fast.status(), "a request with key B while key A waits for the provider: expected 201, got " + fast);
    assertTrue(slowWasStillHeld,
        "a request with key B took " + fastMillis + " ms and was answered only after key A's provider call (held for up"
            + " to 3 s) had ended; different keys must proceed in parallel, not behind one lock");
    assertEquals(201, slowResponse.statusCode(), "key A's request: expected 201, got " + slowResponse.statusCode());
  }
}
