package com.acme.inventory.hidden;

import static com.acme.inventory.hidden.Fixtures.describe;
import static com.acme.inventory.hidden.Fixtures.policy;
import static com.acme.inventory.hidden.Fixtures.sku;
import static com.acme.inventory.hidden.Fixtures.stockJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.acme.inventory.InventoryException;
import com.acme.inventory.InventoryException.Kind;
import com.acme.inventory.RetryPolicy;
import com.acme.inventory.StockLevel;
import com.acme.inventory.hidden.Fixtures.Harness;
import com.acme.inventory.hidden.Fixtures.RecordingRandom;
import com.acme.inventory.hidden.Fixtures.Transport;
import dev.grader.support.Seeds;
import dev.grader.support.wiremock.FlakyDownstream;
import dev.grader.support.wiremock.Reply;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Which failures are retried, how many attempts a call makes, and what the caller finally sees. */
@Tag("retry-decisions")
class RetryDecisionsTest {

  @RegisterExtension static final FlakyDownstream downstream = FlakyDownstream.create();

  private static String path(String sku) {
    return "/stock/" + sku;
  }

  private static InventoryException expectFailure(Harness h, String sku, String scenario) {
    try {
      StockLevel level = h.client.stock(sku);
      return fail(scenario + ": expected an InventoryException; the call returned " + level);
    } catch (InventoryException e) {
      return e;
    }
  }

  @Test
  void succeedsOnTheThirdAttemptAfterTwo503s() throws Exception {
    Random seed = Seeds.random("retry-decisions.two-503s");
    String sku = sku(seed);
    int available = seed.nextInt(500);
    downstream.sequence(
        "GET", path(sku), Reply.status(503), Reply.status(503), Reply.ok(stockJson(sku, available)));
    Harness h = new Harness(downstream, policy(3, 100, 1_000), RecordingRandom.highest(), seed);

    StockLevel level = h.client.stock(sku);

    int requests = downstream.count("GET", path(sku));
    int sleeps = h.sleeps().size();
    assertTrue(
        requests == 3 && sleeps == 2,
        "expected 3 requests and 2 sleeps for 503, 503, 200 with maxAttempts=3; saw "
            + requests + " requests and " + sleeps + " sleeps " + describe(h.sleeps()));
    assertEquals(
        new StockLevel(sku, available), level, "the third response's stock level should be returned");
  }

  @Test
  void givesUpAfterMaxAttemptsAndReportsTheLastFailure() {
    Random seed = Seeds.random("retry-decisions.exhausted");
    String sku = sku(seed);
    int attempts = 2 + seed.nextInt(5);
    List<Reply> replies = new ArrayList<>(Collections.nCopies(attempts - 1, Reply.status(503)));
    replies.add(Reply.status(500)); // what the last attempt sees, repeated after
    downstream.sequence("GET", path(sku), replies);
    Harness h = new Harness(downstream, policy(attempts, 10, 100), RecordingRandom.highest(), seed);

    InventoryException e = expectFailure(h, sku, "every attempt fails");

    int requests = downstream.count("GET", path(sku));
    int sleeps = h.sleeps().size();
    String situation = "maxAttempts=" + attempts + ", " + (attempts - 1) + " x 503 then 500: ";
    assertEquals(
        attempts,
        requests,
        situation + "expected " + attempts + " requests (attempts include the first); saw " + requests);
    assertEquals(
        attempts - 1,
        sleeps,
        situation + "expected " + (attempts - 1) + " sleeps; saw " + sleeps
            + (sleeps == attempts ? ": slept after the last attempt?" : ""));
    assertTrue(
        e.kind() == Kind.STATUS && e.status() == 500,
        situation + "expected the last failure (STATUS 500) to reach the caller; saw "
            + e.kind() + " " + e.status());
  }

  @ParameterizedTest(name = "status {0}")
  @ValueSource(ints = {400, 404, 408, 409, 410, 422})
  void clientErrorsAreNotRetried(int status) {
    Random seed = Seeds.random("retry-decisions.client-error-" + status);
    String sku = sku(seed);
    downstream.stub("GET", path(sku), Reply.json(status, "{\"error\":\"no\"}"));
    Harness h = new Harness(downstream, policy(4, 10, 100), RecordingRandom.highest(), seed);

    InventoryException e = expectFailure(h, sku, "status " + status);

    int requests = downstream.count("GET", path(sku));
    assertTrue(
        requests == 1 && h.sleeps().isEmpty(),
        "status " + status + " is never retried: expected 1 request and no sleep; saw "
            + requests + " requests and " + h.sleeps().size() + " sleeps");
    assertTrue(
        e.kind() == Kind.STATUS && e.status() == status,
        "expected STATUS " + status + " to reach the caller; saw " + e.kind() + " " + e.status());
  }

  @ParameterizedTest(name = "status {0}")
  @ValueSource(ints = {300, 302})
  void statusesBelow400OutsideTwoHundredAreFailuresNotRetried(int status) {
    Random seed = Seeds.random("retry-decisions.3xx-" + status);
    String sku = sku(seed);
    downstream.stub("GET", path(sku), Reply.json(status, stockJson(sku, 1)));
    Harness h = new Harness(downstream, policy(4, 10, 100), RecordingRandom.highest(), seed);

    InventoryException e = expectFailure(h, sku, "status " + status);

    int requests = downstream.count("GET", path(sku));
    assertTrue(
        requests == 1 && h.sleeps().isEmpty(),
        "status " + status + " is neither a success (only 2xx is) nor retried: expected 1 request and no sleep; saw "
            + requests + " requests and " + h.sleeps().size() + " sleeps");
    assertTrue(
        e.kind() == Kind.STATUS && e.status() == status,
        "only a 2xx status is a success, even with the documented body: expected STATUS " + status
            + " to reach the caller; saw " + e.kind() + " " + e.status());
  }

  @ParameterizedTest(name = "status {0}")
  @ValueSource(ints = {501, 505, 507, 511})
  void serverErrorsOutsideTheTableAreNotRetried(int status) {
    Random seed = Seeds.random("retry-decisions.unlisted-server-error-" + status);
    String sku = sku(seed);
    downstream.sequence("GET", path(sku), Reply.status(status), Reply.ok(stockJson(sku, 1)));
    Harness h = new Harness(downstream, policy(4, 10, 100), RecordingRandom.highest(), seed);

    InventoryException e =
        expectFailure(
            h, sku, "only 429, 503, 500, 502 and 504 are retried, any other status never; status " + status
                + " then 200");

    int requests = downstream.count("GET", path(sku));
    assertTrue(
        requests == 1 && h.sleeps().isEmpty(),
        "only 429, 503, 500, 502 and 504 are retried, any other status never: status " + status
            + " should end the call after 1 request with no sleep; saw " + requests
            + " requests and " + h.sleeps().size() + " sleeps");
    assertTrue(
        e.kind() == Kind.STATUS && e.status() == status,
        "expected STATUS " + status + " to reach the caller; saw " + e.kind() + " " + e.status());
  }

  @ParameterizedTest(name = "status {0}")
  @ValueSource(ints = {201, 202, 203})
  void everyTwoHundredStatusWithTheDocumentedBodyIsASuccess(int status) throws Exception {
    Random seed = Seeds.random("retry-decisions.2xx-" + status);
    String sku = sku(seed);
    int available = seed.nextInt(100);
    downstream.stub("GET", path(sku), Reply.json(status, stockJson(sku, available)));
    Harness h = new Harness(downstream, policy(3, 10, 100), RecordingRandom.highest(), seed);

    StockLevel level;
    try {
      level = h.client.stock(sku);
    } catch (InventoryException e) {
      throw new AssertionError(
          "any 2xx status is a success provided its body is the documented JSON: " + status
              + " with " + stockJson(sku, available) + " failed with " + e.kind() + " " + e.status(),
          e);
    }
    assertEquals(new StockLevel(sku, available), level);
    assertEquals(1, downstream.count("GET", path(sku)), "a success is not retried");
  }

  @Test
  void unknownExtraFieldsAreIgnored() throws Exception {
    Random seed = Seeds.random("retry-decisions.extra-fields");
    String sku = sku(seed);
    int available = seed.nextInt(100);
    int quantity = 1 + seed.nextInt(9);
    String stock =
        "{\"warehouse\":\"north-" + seed.nextInt(9) + "\",\"sku\":\"" + sku + "\",\"available\":"
            + available + ",\"reserved\":{\"count\":3},\"tags\":[\"a\",1]}";
    String reservation =
        "{\"id\":\"r-7\",\"sku\":\"" + sku + "\",\"quantity\":" + quantity
            + ",\"expiresAt\":\"2031-01-01T00:00:00Z\",\"lines\":[]}";
    downstream.stub("GET", path(sku), Reply.ok(stock));
    downstream.stub("POST", "/reservations", Reply.json(201, reservation));
    Harness h = new Harness(downstream, policy(3, 10, 100), RecordingRandom.highest(), seed);

    try {
      assertEquals(new StockLevel(sku, available), h.client.stock(sku));
      assertEquals(
          new com.acme.inventory.Reservation("r-7", sku, quantity),
          h.client.reserve(sku, quantity, "key-" + seed.nextInt(1000)));
    } catch (InventoryException e) {
      throw new AssertionError(
          "unknown extra fields are ignored: a body with the documented fields plus others was"
              + " rejected with " + e.kind() + " " + e.status() + " (" + e.getMessage() + ")",
          e);
    }
  }

  @Test
  void skusOutsideTheAllowedCharactersAreRejectedBeforeSending() throws Exception {
    Random seed = Seeds.random("retry-decisions.sku-check");
    String good = "a.B_c-" + seed.nextInt(1000);
    downstream.stub("GET", path(good), Reply.ok(stockJson(good, 4)));
    downstream.stub("POST", "/reservations", Reply.json(201, Fixtures.reservationJson("r-1", good, 1)));
    Harness h = new Harness(downstream, policy(3, 10, 100), RecordingRandom.highest(), seed);
    try {
      assertEquals(new StockLevel(good, 4), h.client.stock(good));
      h.client.reserve(good, 1, "k-1");
    } catch (InventoryException | IllegalArgumentException e) {
      throw new AssertionError(
          "SKUs are letters, digits, '.', '_' and '-': '" + good + "' should be accepted; saw " + e, e);
    }
    int before = downstream.allRequests().size();
    // "AB-1\n": a pattern's $ also matches before a final line break; the POSTs would send it in their body.
    for (String bad : List.of("AB/12", "AB?x=1", "AB#1", "AB%2F1", "../stock", "AB,1", "AB:1", "", "AB-1\n")) {
      for (String method : List.of("stock", "reserve", "reserve with key")) {
        Object outcome;
        try {
          outcome =
              switch (method) {
                case "stock" -> h.client.stock(bad);
                case "reserve" -> h.client.reserve(bad, 1);
                default -> h.client.reserve(bad, 1, "k-2");
              };
        } catch (IllegalArgumentException expected) {
          outcome = null;
        } catch (InventoryException e) {
          outcome = e.kind() + " " + e.status();
        }
        assertTrue(
            outcome == null,
            method + "('" + bad.replace("\n", "\\n") + "'): SKUs are letters, digits, '.', '_' and '-'; anything else is"
                + " rejected with IllegalArgumentException before sending; saw " + outcome);
      }
    }
    int sent = downstream.allRequests().size() - before;
    assertEquals(0, sent, "a rejected SKU must not be sent; the service received " + sent + " request(s)");
  }

  @ParameterizedTest(name = "status {0}")
  @ValueSource(ints = {500, 502, 504})
  void otherServerErrorsAreRetried(int status) throws Exception {
    Random seed = Seeds.random("retry-decisions.server-error-" + status);
    String sku = sku(seed);
    int available = seed.nextInt(100);
    downstream.sequence(
        "GET", path(sku), Reply.status(status), Reply.ok(stockJson(sku, available)));
    Harness h = new Harness(downstream, policy(3, 10, 100), RecordingRandom.highest(), seed);

    StockLevel level;
    try {
      level = h.client.stock(sku);
    } catch (InventoryException e) {
      throw new AssertionError(
          "status " + status + " then 200: expected a retry and success; the call failed with "
              + e.kind() + " " + e.status() + " after " + downstream.count("GET", path(sku))
              + " request(s)",
          e);
    }
    assertEquals(new StockLevel(sku, available), level);
    assertEquals(
        2,
        downstream.count("GET", path(sku)),
        "status " + status + " then 200: expected exactly 2 requests");
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Transport.class)
  void transportFailuresAreRetriedForGet(Transport fault) throws Exception {
    Random seed = Seeds.random("retry-decisions.transport-" + fault);
    String sku = sku(seed);
    int available = seed.nextInt(100);
    // Two faults: java.net.http.HttpClient may itself repeat a GET once after a reset or an empty
    // response, which would swallow a single fault before the client's own retry logic sees it.
    downstream.sequence(
        "GET", path(sku), fault.reply, fault.reply, Reply.ok(stockJson(sku, available)));
    Harness h = new Harness(downstream, policy(4, 10, 100), RecordingRandom.highest(), seed);

    StockLevel level;
    try {
      level = h.client.stock(sku);
    } catch (InventoryException e) {
      throw new AssertionError(
          fault + ", " + fault + ", 200 with maxAttempts=4: expected a GET to be retried until the"
              + " 200; the call failed with " + e.kind() + " after "
              + downstream.count("GET", path(sku)) + " request(s) and " + h.sleeps().size()
              + " sleep(s)",
          e);
    }
    assertEquals(new StockLevel(sku, available), level);
    int sleeps = h.sleeps().size();
    assertTrue(
        sleeps >= 1 && sleeps <= 2,
        fault + " twice then 200: expected 1 or 2 retries (one sleep before each); saw " + sleeps);
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Transport.class)
  void persistentTransportFailureEndsAsAConnectionFailure(Transport fault) {
    Random seed = Seeds.random("retry-decisions.transport-always-" + fault);
    String sku = sku(seed);
    downstream.stub("GET", path(sku), fault.reply);
    Harness h = new Harness(downstream, policy(3, 10, 100), RecordingRandom.highest(), seed);

    InventoryException e = expectFailure(h, sku, "always " + fault);

    int sleeps = h.sleeps().size();
    int requests = downstream.count("GET", path(sku));
    assertEquals(
        2,
        sleeps,
        "always " + fault + " with maxAttempts=3: expected 3 attempts and so 2 sleeps; saw " + sleeps
            + " sleeps and " + requests + " requests");
    assertTrue(requests >= 3, "expected at least 3 requests to reach the server; saw " + requests);
    assertEquals(
        Kind.CONNECTION,
        e.kind(),
        "always " + fault + ": expected the failure kind CONNECTION; saw " + e.kind());
  }

  @Test
  void connectionNeverMadeIsRetriedAndEndsAsAConnectionFailure() throws Exception {
    Random seed = Seeds.random("retry-decisions.refused");
    String sku = sku(seed);
    Fixtures.ManualClock clock = Fixtures.ManualClock.seeded(seed);
    Fixtures.RecordingSleeper sleeper = new Fixtures.RecordingSleeper(clock);
    com.acme.inventory.InventoryClient client =
        new com.acme.inventory.InventoryClient(
            Fixtures.closedPort(), policy(3, 10, 100), sleeper, clock, RecordingRandom.highest());

    InventoryException e;
    try {
      StockLevel level = client.stock(sku);
      throw new AssertionError("nothing listens on the port, yet the call returned " + level);
    } catch (InventoryException failure) {
      e = failure;
    }
    assertEquals(
        2,
        sleeper.sleeps().size(),
        "a connection that could not be established is retried: with maxAttempts=3 expected 2"
            + " sleeps; saw " + describe(sleeper.sleeps()));
    assertTrue(
        e.kind() == Kind.CONNECTION && e.status() == InventoryException.NO_STATUS,
        "connection refused: expected CONNECTION with status -1; saw " + e.kind() + " " + e.status());
  }

  @ParameterizedTest(name = "body {0}")
  @ValueSource(
      strings = {
        "this is not JSON",
        "",
        "[]",
        "{\"sku\":\"%s\"}",
        "{\"sku\":\"%s\",\"available\":\"seven\"}",
        "{\"sku\":\"%s\",\"available\":1.5}",
        "{\"sku\":42,\"available\":7}",
        "{\"sku\":\"%s\",\"available\":-3}",
        "{\"sku\":\"%s\",\"available\":7",
        "{\"sku\":\"%s\",\"available\":\"7\"}",
        "{\"sku\":\"%s\",\"available\":null}",
        "{\"sku\":\"%s\",\"available\":true}",
        "{\"sku\":null,\"available\":7}",
        "{\"available\":7}",
        "null"
      })
  void malformedSuccessBodyIsAFailureAndNotRetried(String template) {
    Random seed = Seeds.random("retry-decisions.malformed");
    String sku = sku(seed);
    String body = template.replace("%s", sku);
    downstream.stub("GET", path(sku), Reply.ok(body));
    Harness h = new Harness(downstream, policy(3, 10, 100), RecordingRandom.highest(), seed);

    InventoryException e = expectFailure(h, sku, "200 with body '" + body + "'");

    assertEquals(
        Kind.MALFORMED_RESPONSE,
        e.kind(),
        "200 with body '" + body + "': expected MALFORMED_RESPONSE; saw " + e.kind());
    assertEquals(
        200,
        e.status(),
        "a 2xx with a malformed body reports that status in status(); saw " + e.status());
    int requests = downstream.count("GET", path(sku));
    assertEquals(
        1, requests, "a malformed body is not retried: expected 1 request; saw " + requests);
  }

  @Test
  void slowResponseIsATimeoutAndAttemptsStayBounded() {
    Random seed = Seeds.random("retry-decisions.slow");
    String sku = sku(seed);
    // Every answer held 1.5 s (released after the test): a client without the 400ms request timeout gets a 200.
    // A shorter timeout can expire before a request reaches the server on a busy machine.
    downstream.stub(
        "GET", path(sku), Reply.ok(stockJson(sku, 5)).heldBy(downstream.hold(Duration.ofMillis(1_500))));
    // Two attempts: a timeout is retried once, and no more; each attempt costs the test its 400ms.
    RetryPolicy policy =
        new RetryPolicy(2, Duration.ofMillis(10), Duration.ofMillis(100), Duration.ofMillis(400),
            Fixtures.NO_DEADLINE);
    Harness h = new Harness(downstream, policy, RecordingRandom.highest(), seed);

    long start = System.nanoTime();
    InventoryException e = expectFailure(h, sku, "every response 1500ms late, timeout 400ms");
    long tookMillis = (System.nanoTime() - start) / 1_000_000;

    assertEquals(
        Kind.TIMEOUT,
        e.kind(),
        "responses slower than the 400ms request timeout: expected TIMEOUT; saw " + e.kind());
    int requests = downstream.awaitCount("GET", path(sku), 2, Duration.ofSeconds(2));
    assertTrue(
        requests == 2 && h.sleeps().size() == 1,
        "timeouts are retried up to maxAttempts=2: expected 2 requests and 1 sleep; saw "
            + requests + " requests and " + h.sleeps().size() + " sleeps");
    assertTrue(
        tookMillis < 2_000,
        "2 attempts of at most 400ms each should end well within 2000ms; took " + tookMillis + "ms");
  }
}
