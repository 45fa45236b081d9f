package com.acme.inventory.hidden;

import static com.acme.inventory.hidden.Fixtures.describe;
import static com.acme.inventory.hidden.Fixtures.policy;
import static com.acme.inventory.hidden.Fixtures.reservationJson;
import static com.acme.inventory.hidden.Fixtures.sku;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.acme.inventory.InventoryException;
import com.acme.inventory.InventoryException.Kind;
import com.acme.inventory.Reservation;
import com.acme.inventory.RetryPolicy;
import com.acme.inventory.hidden.Fixtures.Harness;
import com.acme.inventory.hidden.Fixtures.RecordingRandom;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.grader.support.Seeds;
import dev.grader.support.precondition.Precondition;
import dev.grader.support.wiremock.FlakyDownstream;
import dev.grader.support.wiremock.ReceivedRequest;
import dev.grader.support.wiremock.Reply;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** POST /reservations: when a retry is safe, and idempotency keys. */
@Tag("idempotency")
class IdempotencyTest {

  @RegisterExtension static final FlakyDownstream downstream = FlakyDownstream.create();

  private static final String PATH = "/reservations";
  private static final ObjectMapper JSON = new ObjectMapper();

  private interface Call {
    Reservation run() throws InventoryException;
  }

  private static InventoryException failure(Call call, String scenario) {
    try {
      Reservation r = call.run();
      return fail(scenario + ": expected an InventoryException; the call returned " + r);
    } catch (InventoryException e) {
      return e;
    }
  }

  private static void assertOneRequestNoKey(Harness h, String scenario) {
    int requests = downstream.awaitCount("POST", PATH, 1, Duration.ofSeconds(2));
    assertTrue(
        requests == 1 && h.sleeps().isEmpty(),
        scenario + ": a POST without an idempotency key may already have reserved stock, so it must"
            + " not be sent again; expected 1 request and no sleep, saw " + requests
            + " requests and " + h.sleeps().size() + " sleeps");
    assertEquals(
        Collections.singletonList(null),
        downstream.headerOfEach("POST", PATH, "Idempotency-Key"),
        scenario + ": reserve(sku, quantity) should send no Idempotency-Key header");
  }

  private static void assertBodies(String sku, int quantity) throws Exception {
    for (ReceivedRequest r : downstream.requests("POST", PATH)) {
      JsonNode body = JSON.readTree(r.body());
      assertTrue(
          body != null && body.path("sku").asText("").equals(sku)
              && body.path("quantity").isIntegralNumber() && body.path("quantity").asInt() == quantity,
          "each POST should carry {\"sku\":\"" + sku + "\",\"quantity\":" + quantity + "}; saw "
              + r.body());
      assertTrue(
          r.header("Content-Type").orElse("").startsWith("application/json"),
          "each POST should say Content-Type: application/json; saw " + r.header("Content-Type"));
    }
  }

  @ParameterizedTest(name = "status {0}")
  @ValueSource(ints = {500, 502, 504})
  void postWithoutKeyIsNotRetriedAfterAServerError(int status) {
    Random seed = Seeds.random("idempotency.no-key-status-" + status);
    String sku = sku(seed);
    downstream.sequence("POST", PATH, Reply.status(status), Reply.json(201, reservationJson("r-1", sku, 1)));
    Harness h = new Harness(downstream, policy(4, 10, 100), RecordingRandom.highest(), seed);

    InventoryException e = failure(() -> h.client.reserve(sku, 1), "POST without key, " + status);

    assertOneRequestNoKey(h, "POST without key answered " + status);
    assertTrue(
        e.kind() == Kind.STATUS && e.status() == status,
        "expected STATUS " + status + " to reach the caller; saw " + e.kind() + " " + e.status());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"CONNECTION_RESET", "EMPTY_RESPONSE", "RANDOM_DATA_THEN_CLOSE", "TIMEOUT"})
  void postWithoutKeyIsNotRetriedAfterAFailureThatMayHaveReachedTheServer(String fault) {
    Random seed = Seeds.random("idempotency.no-key-fault-" + fault);
    String sku = sku(seed);
    String ok = reservationJson("r-" + seed.nextInt(1000), sku, 2);
    boolean timeout = fault.equals("TIMEOUT");
    // TIMEOUT: the first answer is held 1.5 s (released after the test) against a 500ms request timeout, so a
    // client without the timeout gets a 201 instead of a failure. A shorter timeout can expire before a cold
    // client's request reaches the server on a busy machine.
    Reply first =
        timeout
            ? Reply.json(201, ok).heldBy(downstream.hold(Duration.ofMillis(1_500)))
            : Fixtures.Transport.valueOf(fault).reply;
    downstream.sequence("POST", PATH, first, Reply.json(201, ok));
    RetryPolicy policy =
        new RetryPolicy(4, Duration.ofMillis(10), Duration.ofMillis(100), Duration.ofMillis(500),
            Fixtures.NO_DEADLINE);
    Harness h = new Harness(downstream, policy, RecordingRandom.highest(), seed);

    InventoryException e = failure(() -> h.client.reserve(sku, 2), "POST without key, " + fault);

    assertOneRequestNoKey(h, "POST without key, " + fault);
    Kind expected = timeout ? Kind.TIMEOUT : Kind.CONNECTION;
    assertEquals(expected, e.kind(), fault + ": expected the failure kind " + expected);
  }

  @ParameterizedTest(name = "status {0}")
  @ValueSource(ints = {429, 503})
  void postWithoutKeyIsRetriedWhenTheServiceSaysItDidNothing(int status) throws Exception {
    Random seed = Seeds.random("idempotency.no-key-retry-" + status);
    String sku = sku(seed);
    int quantity = 1 + seed.nextInt(9);
    String id = "r-" + seed.nextInt(100_000);
    downstream.sequence("POST", PATH, Reply.status(status), Reply.json(201, reservationJson(id, sku, quantity)));
    Harness h = new Harness(downstream, policy(3, 10, 100), RecordingRandom.highest(), seed);

    Reservation reservation;
    try {
      reservation = h.client.reserve(sku, quantity);
    } catch (InventoryException e) {
      throw new AssertionError(
          "POST without key answered " + status + " then 201: a " + status + " means the service"
              + " did not act, so it is retried; the call failed with " + e.kind() + " "
              + e.status() + " after " + downstream.count("POST", PATH) + " request(s)",
          e);
    }

    assertEquals(new Reservation(id, sku, quantity), reservation);
    assertEquals(
        2,
        downstream.count("POST", PATH),
        status + " then 201: expected exactly 2 requests");
    assertBodies(sku, quantity);
  }

  @Test
  void postWithoutKeyIsRetriedWhenTheConnectionWasNeverMade() throws Exception {
    Random seed = Seeds.random("idempotency.no-key-refused");
    String sku = sku(seed);
    Fixtures.ManualClock clock = Fixtures.ManualClock.seeded(seed);
    Fixtures.RecordingSleeper sleeper = new Fixtures.RecordingSleeper(clock);
    com.acme.inventory.InventoryClient client =
        new com.acme.inventory.InventoryClient(
            Fixtures.closedPort(), policy(3, 10, 100), sleeper, clock, RecordingRandom.highest());

    InventoryException e = failure(() -> client.reserve(sku, 1), "POST without key, connection refused");

    List<Duration> sleeps = sleeper.sleeps();
    assertFalse(
        sleeps.isEmpty(),
        "a POST without a key is retried when the connection was never made (the service cannot"
            + " have acted): with maxAttempts=3 expected 2 sleeps; saw none");
    // How many attempts maxAttempts allows, and that only a retry is preceded by a sleep, are other rules'.
    Precondition.require(List.of("max-attempts-counts-first", "sleep-once-per-retry"), sleeps.size() == 2,
        () -> "with maxAttempts=3 the client slept " + describe(sleeps) + ": one sleep before each of 2 retries");
    assertEquals(Kind.CONNECTION, e.kind(), "connection refused: expected CONNECTION; saw " + e.kind());
  }

  @Test
  void postWithKeyIsRetriedAndEveryAttemptCarriesTheSameKey() throws Exception {
    Random seed = Seeds.random("idempotency.with-key");
    String sku = sku(seed);
    int quantity = 1 + seed.nextInt(9);
    String key = "order-" + Long.toHexString(seed.nextLong() & Long.MAX_VALUE);
    String id = "r-" + seed.nextInt(100_000);
    downstream.sequence(
        "POST", PATH,
        Reply.status(500),
        Reply.randomDataThenClose(),
        Reply.status(504),
        Reply.json(201, reservationJson(id, sku, quantity)));
    Harness h = new Harness(downstream, policy(5, 10, 100), RecordingRandom.highest(), seed);

    Reservation reservation;
    try {
      reservation = h.client.reserve(sku, quantity, key);
    } catch (InventoryException e) {
      throw new AssertionError(
          "POST with Idempotency-Key answered 500, random data, 504, 201: expected retries until"
              + " the 201; the call failed with " + e.kind() + " " + e.status() + " after "
              + downstream.count("POST", PATH) + " request(s)",
          e);
    }

    assertEquals(new Reservation(id, sku, quantity), reservation);
    List<String> keys = downstream.headerOfEach("POST", PATH, "Idempotency-Key");
    assertEquals(
        Collections.nCopies(4, key),
        keys,
        "every attempt should carry the caller's key " + key + "; saw " + keys);
    for (ReceivedRequest r : downstream.requests("POST", PATH)) {
      List<String> sent = r.headers().getOrDefault("idempotency-key", List.of());
      assertEquals(
          List.of(key),
          sent,
          "every attempt should carry the caller's key once, in one Idempotency-Key header; an attempt sent " + sent);
    }
    assertEquals(
        3, h.sleeps().size(), "4 attempts: expected 3 sleeps; saw " + describe(h.sleeps()));
    assertBodies(sku, quantity);
  }

  @ParameterizedTest(name = "body {0}")
  @ValueSource(strings = {"{\"id\":\"r-1\"}", "not json", "{\"id\":\"r-1\",\"sku\":\"%s\",\"quantity\":0}"})
  void malformedReservationIsAFailureNotASuccess(String template) {
    Random seed = Seeds.random("idempotency.malformed");
    String sku = sku(seed);
    String body = template.replace("%s", sku);
    downstream.stub("POST", PATH, Reply.json(201, body));
    Harness h = new Harness(downstream, policy(3, 10, 100), RecordingRandom.highest(), seed);

    InventoryException e =
        failure(() -> h.client.reserve(sku, 1, "key-" + seed.nextInt(1000)), "201 with body " + body);

    assertEquals(
        Kind.MALFORMED_RESPONSE,
        e.kind(),
        "201 with body " + body + ": expected MALFORMED_RESPONSE; saw " + e.kind());
    int requests = downstream.count("POST", PATH);
    assertEquals(1, requests, "a malformed body is not retried: expected 1 request; saw " + requests);
  }
}
