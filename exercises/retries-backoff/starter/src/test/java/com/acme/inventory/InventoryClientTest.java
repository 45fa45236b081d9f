package com.acme.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.grader.support.wiremock.FlakyDownstream;
import dev.grader.support.wiremock.Reply;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A few examples of the rules in README.md. They fail until the client is written; passing them does
 * not mean every rule is met.
 */
class InventoryClientTest {

  /** The fake inventory service, on 127.0.0.1; its URL is in the system property downstream.url. */
  @RegisterExtension static final FlakyDownstream inventory = FlakyDownstream.create();

  private final MovableClock clock = new MovableClock(Instant.parse("2031-05-04T10:00:00Z"));
  private final List<Duration> sleeps = new ArrayList<>();
  private final Sleeper sleeper =
      duration -> {
        sleeps.add(duration);
        clock.advance(duration);
      };
  private static final RandomSource HIGHEST = maxInclusive -> maxInclusive;

  private static final RetryPolicy POLICY =
      new RetryPolicy(
          4, Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(30));

  private InventoryClient client(RandomSource random) {
    URI url = URI.create(System.getProperty(FlakyDownstream.URL_PROPERTY));
    return new InventoryClient(url, POLICY, sleeper, clock, random);
  }

  @Test
  void returnsTheStockLevel() throws Exception {
    inventory.stub("GET", "/stock/AB-1", Reply.ok("{\"sku\":\"AB-1\",\"available\":12}"));

    assertEquals(new StockLevel("AB-1", 12), client(HIGHEST).stock("AB-1"));
    assertEquals(List.of(), sleeps, "a first-time success needs no sleep");
  }

  @Test
  void retriesA503AfterTheBaseDelay() throws Exception {
    inventory.sequence(
        "GET", "/stock/AB-1", Reply.status(503), Reply.ok("{\"sku\":\"AB-1\",\"available\":3}"));

    assertEquals(new StockLevel("AB-1", 3), client(HIGHEST).stock("AB-1"));
    assertEquals(2, inventory.count("GET", "/stock/AB-1"), "503 then 200: two requests");
    assertEquals(
        List.of(Duration.ofMillis(100)),
        sleeps,
        "the first retry's ceiling is the base delay; the random source returned its maximum");
  }

  @Test
  void doesNotRetryA404() {
    inventory.stub("GET", "/stock/NOPE-1", Reply.status(404));

    InventoryException e = assertThrows(InventoryException.class, () -> client(HIGHEST).stock("NOPE-1"));
    assertEquals(InventoryException.Kind.STATUS, e.kind());
    assertEquals(404, e.status());
    assertEquals(1, inventory.count("GET", "/stock/NOPE-1"), "a 404 is never retried");
  }

  @Test
  void honoursRetryAfterInSeconds() throws Exception {
    inventory.sequence(
        "GET",
        "/stock/AB-1",
        Reply.status(429).retryAfterSeconds(3),
        Reply.ok("{\"sku\":\"AB-1\",\"available\":1}"));

    client(HIGHEST).stock("AB-1");
    assertEquals(List.of(Duration.ofSeconds(3)), sleeps, "Retry-After: 3 means wait 3 seconds");
  }

  @Test
  void reservationWithAKeyIsRetriedWithTheSameKey() throws Exception {
    inventory.sequence(
        "POST",
        "/reservations",
        Reply.status(500),
        Reply.json(201, "{\"id\":\"r-9\",\"sku\":\"AB-1\",\"quantity\":2}"));

    Reservation r = client(HIGHEST).reserve("AB-1", 2, "order-77");

    assertEquals(new Reservation("r-9", "AB-1", 2), r);
    assertEquals(
        List.of("order-77", "order-77"),
        inventory.headerOfEach("POST", "/reservations", "Idempotency-Key"));
  }

  /** A clock that moves only when the test's sleeper sleeps. */
  private static final class MovableClock extends Clock {
    private Instant now;

    MovableClock(Instant start) {
      now = start;
    }

    synchronized void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public synchronized Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }
}
