package com.acme.inventory;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Client for the inventory service, with retries. See README.md for the exact rules.
 *
 * <p>One instance is shared by many threads: it must be safe for concurrent use, and each call keeps
 * its own attempt count, backoff and deadline.
 */
public final class InventoryClient {

  private final URI root;
  private final RetryPolicy policy;
  private final Sleeper sleeper;
  private final Clock clock;
  private final JitteredBackoff backoff;
  private final Transport transport;

  /**
   * @param baseUrl the service, e.g. {@code http://127.0.0.1:8089} (no trailing slash needed)
   * @param policy attempts, delays and timeouts
   * @param sleeper waits before each retry
   * @param clock the time the deadline and HTTP-date {@code Retry-After} values are measured on
   * @param random the jitter
   */
  public InventoryClient(
      URI baseUrl, RetryPolicy policy, Sleeper sleeper, Clock clock, RandomSource random) {
    Objects.requireNonNull(baseUrl, "baseUrl");
    String s = baseUrl.toString();
    this.root = URI.create(s.endsWith("/") ? s : s + "/");
    this.policy = Objects.requireNonNull(policy, "policy");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.backoff = new JitteredBackoff(policy.baseDelay(), policy.maxDelay(), random);
    this.transport =
        new Transport(
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build(),
            policy.requestTimeout(),
            this.clock);
  }

  /** A client with the real sleeper, the UTC system clock and {@link RandomSource#threadLocal()}. */
  public InventoryClient(URI baseUrl, RetryPolicy policy) {
    this(baseUrl, policy, Sleeper.system(), Clock.systemUTC(), RandomSource.threadLocal());
  }

  /** {@code GET /stock/{sku}}; retried as README.md describes. */
  public StockLevel stock(String sku) throws InventoryException {
    Sku.require(sku);
    HttpRequest get =
        HttpRequest.newBuilder(root.resolve("stock/" + sku))
            .timeout(policy.requestTimeout())
            .GET()
            .build();
    return run(get, RetryMode.SAFE, Bodies::stockLevel);
  }

  /**
   * {@code POST /reservations} without an idempotency key: retried only after a failure the service
   * certainly did not act on.
   */
  public Reservation reserve(String sku, int quantity) throws InventoryException {
    return post(sku, quantity, null);
  }

  /**
   * {@code POST /reservations} with an {@code Idempotency-Key} header: retried like a GET, every
   * attempt carrying the same key.
   */
  public Reservation reserve(String sku, int quantity, String idempotencyKey)
      throws InventoryException {
    return post(sku, quantity, idempotencyKey);
  }

  private Reservation post(String sku, int quantity, String idempotencyKey)
      throws InventoryException {
    Sku.require(sku);
    HttpRequest.Builder b =
        HttpRequest.newBuilder(root.resolve("reservations"))
            .timeout(policy.requestTimeout())
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(Bodies.reservationRequest(sku, quantity)));
    RetryMode mode = RetryMode.UNSAFE;
    if (idempotencyKey != null) {
      b.header("Idempotency-Key", idempotencyKey);
      mode = RetryMode.SAFE;
    }
    return run(b.build(), mode, Bodies::reservation);
  }

  private <T> T run(HttpRequest request, RetryMode mode, Bodies.Reader<T> reader)
      throws InventoryException {
    final Instant start = clock.instant();
    final Instant deadline = start.plus(policy.overallTimeout());
    int sent = 0;
    while (true) {
      sent++;
      Outcome outcome = transport.exchange(request, reader);
      if (outcome.isSuccess()) {
        @SuppressWarnings("unchecked")
        T value = (T) outcome.value();
        return value;
      }
      if (!mode.mayRetry(outcome) || sent == policy.maxAttempts()) {
        throw outcome.failure();
      }
      Duration pause =
          outcome.retryAfter() != null ? outcome.retryAfter() : backoff.delayBeforeRetry(sent);
      if (clock.instant().plus(pause).isAfter(deadline)) {
        throw outcome.failure();
      }
      try {
        sleeper.sleep(pause);
      } catch (InterruptedException ie) {
        Thread.currentThread().interrupt();
        throw new InventoryException(
            InventoryException.Kind.INTERRUPTED,
            InventoryException.NO_STATUS,
            "interrupted while waiting to retry",
            ie);
      }
      if (clock.instant().isAfter(deadline)) {
        throw outcome.failure();
      }
    }
  }
}
