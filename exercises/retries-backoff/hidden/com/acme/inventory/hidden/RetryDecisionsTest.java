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
    Harness h = new Harness(policy(3, 100, 1_000), RecordingRandom.highest(), seed);

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
    Harness h = new Harness(policy(attempts, 10, 100), RecordingRandom.highest(), seed);

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
  @ValueSource(ints = {400, 404, 409, 422})
  void clientErrorsAreNotRetried(int status) {
    Random seed = Seeds.random("retry-decisions.client-error-" + status);
    String sku = sku(seed);
    downstream.stub("GET", path(sku), Reply.json(status, "{\"error\":\"no\"}"));
    Harness h = new Harness(policy(4, 10, 100), RecordingRandom.highest(), seed);

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
  @ValueSource(ints = {500, 502, 504})
  void otherServerErrorsAreRetried(int status) throws Exception {
    Random seed = Seeds.random("retry-decisions.server-error-" + status);
    String sku = sku(seed);
    int available = seed.nextInt(100);
    downstream.sequence(
        "GET", path(sku), Reply.status(status), Reply.ok(stockJson(sku, available)));
    Harness h = new Harness(policy(3, 10, 100), RecordingRandom.highest(), seed);

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
    Harness h = new Harness(policy(4, 10, 100), RecordingRandom.highest(), seed);

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
    Harness h = new Harness(policy(3, 10, 100), RecordingRandom.highest(), seed);

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
        "{\"sku\":\"%s\",\"available\":7"
      })
  void malformedSuccessBodyIsAFailureAndNotRetried(String template) {
    Random seed = Seeds.random("retry-decisions.malformed");
    String sku = sku(seed);
    String body = template.replace("%s", sku);
    downstream.stub("GET", path(sku), Reply.ok(body));
    Harness h = new Harness(policy(3, 10, 100), RecordingRandom.highest(), seed);

    InventoryException e = expectFailure(h, sku, "200 with body '" + body + "'");

    assertEquals(
        Kind.MALFORMED_RESPONSE,
        e.kind(),
        "200 with body '" + body + "': expected MALFORMED_RESPONSE; saw " + e.kind());
    int requests = downstream.count("GET", path(sku));
    assertEquals(
        1, requests, "a malformed body is not retried: expected 1 request; saw " + requests);
  }

  @Test
  void slowResponseIsATimeoutAndAttemptsStayBounded() {
    Random seed = Seeds.random("retry-decisions.slow");
    String sku = sku(seed);
    downstream.stub(
        "GET", path(sku), Reply.ok(stockJson(sku, 5)).delayedBy(Duration.ofMillis(1_500)));
    RetryPolicy policy =
        new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(100), Duration.ofMillis(400),
            Fixtures.NO_DEADLINE);
    Harness h = new Harness(policy, RecordingRandom.highest(), seed);

    long start = System.nanoTime();
    InventoryException e = expectFailure(h, sku, "every response 1500ms late, timeout 400ms");
    long tookMillis = (System.nanoTime() - start) / 1_000_000;

    assertEquals(
        Kind.TIMEOUT,
        e.kind(),
        "responses slower than the 400ms request timeout: expected TIMEOUT; saw " + e.kind());
    int requests = downstream.awaitCount("GET", path(sku), 3, Duration.ofSeconds(2));
    assertTrue(
        requests == 3 && h.sleeps().size() == 2,
        "timeouts are retried up to maxAttempts=3: expected 3 requests and 2 sleeps; saw "
            + requests + " requests and " + h.sleeps().size() + " sleeps");
    assertTrue(
        tookMillis < 3_000,
        "3 attempts of at most 400ms each should end well within 3000ms; took " + tookMillis + "ms");
  }
}
