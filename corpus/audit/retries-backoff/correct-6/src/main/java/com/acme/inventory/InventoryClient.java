package com.acme.inventory;

import static java.util.Objects.requireNonNull;

import com.acme.inventory.InventoryException.Kind;
import com.acme.inventory.Outcome.Done;
import com.acme.inventory.Outcome.Failed;
import com.acme.inventory.Outcome.Repeat;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/**
 * Client for the inventory service, with retries. See README.md for the exact rules.
 *
 * <p>One instance is shared by many threads: it must be safe for concurrent use, and each call keeps
 * its own attempt count, backoff and deadline.
 *
 * <p>The instance holds only immutable configuration and a thread-safe {@link HttpClient}; every
 * call's state (attempt number, deadline) lives on the calling thread's stack, and nothing is
 * locked, so callers never wait for each other.
 */
public final class InventoryClient {

  private static final Pattern SKU = Pattern.compile("[A-Za-z0-9._-]+");
  private static final String IDEMPOTENCY_KEY = "Idempotency-Key";

  private final String base;
  private final RetryPolicy policy;
  private final Sleeper sleeper;
  private final Clock clock;
  private final RandomSource random;
  private final Backoff backoff;
  private final long requestTimeoutNanos;
  private final HttpClient http;

  /**
   * @param baseUrl the service, e.g. {@code http://127.0.0.1:8089} (no trailing slash needed)
   * @param policy attempts, delays and timeouts
   * @param sleeper waits before each retry
   * @param clock the time the deadline and HTTP-date {@code Retry-After} values are measured on
   * @param random the jitter
   */
  public InventoryClient(
      URI baseUrl, RetryPolicy policy, Sleeper sleeper, Clock clock, RandomSource random) {
    requireNonNull(baseUrl, "baseUrl");
    this.policy = requireNonNull(policy, "policy");
    this.sleeper = requireNonNull(sleeper, "sleeper");
    this.clock = requireNonNull(clock, "clock");
    this.random = requireNonNull(random, "random");
    String url = baseUrl.toString();
    while (url.endsWith("/")) {
      url = url.substring(0, url.length() - 1);
    }
    this.base = url;
    this.backoff = new Backoff(policy.baseDelay(), policy.maxDelay());
    this.requestTimeoutNanos = saturatedNanos(policy.requestTimeout());
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /** A client with the real sleeper, the UTC system clock and {@link RandomSource#threadLocal()}. */
  public InventoryClient(URI baseUrl, RetryPolicy policy) {
    this(baseUrl, policy, Sleeper.system(), Clock.systemUTC(), RandomSource.threadLocal());
  }

  /** {@code GET /stock/{sku}}; retried as README.md describes. */
  public StockLevel stock(String sku) throws InventoryException {
    checkSku(sku);
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(base + "/stock/" + sku))
            .header("Accept", "application/json")
            .GET()
            .build();
    return call(request, true, Bodies::stockLevel);
  }

  /**
   * {@code POST /reservations} without an idempotency key: retried only after a failure the service
   * certainly did not act on.
   */
  public Reservation reserve(String sku, int quantity) throws InventoryException {
    checkSku(sku);
    return call(reservation(sku, quantity).build(), false, Bodies::reservation);
  }

  /**
   * {@code POST /reservations} with an {@code Idempotency-Key} header: retried like a GET, every
   * attempt carrying the same key.
   */
  public Reservation reserve(String sku, int quantity, String idempotencyKey)
      throws InventoryException {
    checkSku(sku);
    if (idempotencyKey == null || idempotencyKey.isBlank()) {
      throw new IllegalArgumentException("an idempotency key must not be null or blank");
    }
    // One immutable request, sent as it is by every attempt: the key cannot differ between them.
    HttpRequest request = reservation(sku, quantity).header(IDEMPOTENCY_KEY, idempotencyKey).build();
    return call(request, true, Bodies::reservation);
  }

  private HttpRequest.Builder reservation(String sku, int quantity) {
    return HttpRequest.newBuilder(URI.create(base + "/reservations"))
        .header("Content-Type", "application/json")
        .header("Accept", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(Bodies.reservationRequest(sku, quantity)));
  }

  private static void checkSku(String sku) {
    if (sku == null || !SKU.matcher(sku).matches()) {
      throw new IllegalArgumentException(
          "a SKU is letters, digits, '.', '_' and '-', was " + (sku == null ? "null" : "'" + sku + "'"));
    }
  }

  // ------------------------------------------------------------------ the retry loop

  /**
   * Sends {@code request} until it succeeds, fails for good, runs out of attempts or of time.
   *
   * @param idempotent whether the request may be repeated after a failure the service may have acted on
   */
  private <T> T call(HttpRequest request, boolean idempotent, Bodies.Reader<T> reader)
      throws InventoryException {
    Instant deadline = plusSaturated(clock.instant(), policy.overallTimeout());
    for (int retry = 0; ; retry++) {
      if (Thread.interrupted()) {
        throw interrupted(new InterruptedException("interrupted before attempt " + (retry + 1)));
      }
      Outcome<T> outcome = attempt(request, reader);
      if (outcome instanceof Done<T> done) {
        return done.value();
      }
      Failed<T> failed = (Failed<T>) outcome;
      if (!failed.repeat().allows(idempotent) || retry + 1 >= policy.maxAttempts()) {
        throw failed.error();
      }
      int next = retry + 1; // "retry n" of README.md
      Instant now = clock.instant();
      Duration wait =
          RetryAfter.waitFor(failed.retryAfter(), now).orElseGet(() -> jitter(next));
      if (wait.compareTo(Duration.between(now, deadline)) > 0) {
        throw failed.error(); // the wait would end after the deadline: give up without sleeping
      }
      try {
        sleeper.sleep(wait);
      } catch (InterruptedException e) {
        throw interrupted(e);
      }
      if (clock.instant().isAfter(deadline)) {
        throw failed.error();
      }
    }
  }

  private Duration jitter(int retry) {
    return Duration.ofMillis(random.nextLong(backoff.ceilingMillis(retry)));
  }

  /** One request, its whole exchange bounded by the request timeout. */
  private <T> Outcome<T> attempt(HttpRequest request, Bodies.Reader<T> reader)
      throws InventoryException {
    CompletableFuture<HttpResponse<byte[]>> exchange =
        http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray());
    HttpResponse<byte[]> response;
    try {
      response = exchange.get(requestTimeoutNanos, TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      exchange.cancel(true);
      throw interrupted(e);
    } catch (TimeoutException e) {
      exchange.cancel(true);
      return timeout(e);
    } catch (ExecutionException e) {
      return belowHttp(e.getCause() == null ? e : e.getCause());
    }
    return answer(response, reader);
  }

  private static <T> Outcome<T> answer(HttpResponse<byte[]> response, Bodies.Reader<T> reader) {
    int status = response.statusCode();
    if (status >= 200 && status <= 299) {
      try {
        return new Done<>(reader.read(response.body()));
      } catch (Bodies.Malformed e) {
        return new Failed<>(
            new InventoryException(
                Kind.MALFORMED_RESPONSE, status, "malformed " + status + " body: " + e.getMessage()),
            Repeat.NEVER,
            null);
      }
    }
    InventoryException error =
        new InventoryException(Kind.STATUS, status, "the inventory service answered " + status);
    switch (status) {
      case 429:
      case 503:
        return new Failed<>(
            error, Repeat.ALWAYS, response.headers().firstValue("Retry-After").orElse(null));
      case 500:
      case 502:
      case 504:
        return new Failed<>(error, Repeat.IF_IDEMPOTENT, null);
      default:
        return new Failed<>(error, Repeat.NEVER, null);
    }
  }

  private <T> Outcome<T> timeout(Throwable cause) {
    return new Failed<>(
        new InventoryException(
            Kind.TIMEOUT,
            InventoryException.NO_STATUS,
            "no response within " + policy.requestTimeout().toMillis() + "ms",
            cause),
        Repeat.IF_IDEMPOTENT,
        null);
  }

  private <T> Outcome<T> belowHttp(Throwable cause) {
    for (Throwable t = cause; t != null; t = t.getCause()) {
      if (t instanceof HttpTimeoutException) {
        return timeout(cause);
      }
    }
    for (Throwable t = cause; t != null; t = t.getCause()) {
      if (t instanceof ConnectException) {
        // The connection was never made: the service cannot have acted on the request.
        return new Failed<>(
            new InventoryException(
                Kind.CONNECTION, InventoryException.NO_STATUS, "cannot connect: " + t, cause),
            Repeat.ALWAYS,
            null);
      }
    }
    return new Failed<>(
        new InventoryException(
            Kind.CONNECTION, InventoryException.NO_STATUS, "exchange failed: " + cause, cause),
        Repeat.IF_IDEMPOTENT,
        null);
  }

  /** Sets the interrupt flag again and says why the call stopped. */
  private static InventoryException interrupted(InterruptedException e) {
    Thread.currentThread().interrupt();
    return new InventoryException(
        Kind.INTERRUPTED, InventoryException.NO_STATUS, "interrupted; no further attempt", e);
  }

  private static Instant plusSaturated(Instant start, Duration d) {
    try {
      return start.plus(d);
    } catch (DateTimeException | ArithmeticException tooFar) {
      return Instant.MAX;
    }
  }

  private static long saturatedNanos(Duration d) {
    try {
      return d.toNanos();
    } catch (ArithmeticException tooLong) {
      return Long.MAX_VALUE;
    }
  }
}
