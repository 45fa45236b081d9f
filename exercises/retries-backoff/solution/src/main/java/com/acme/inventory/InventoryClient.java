package com.acme.inventory;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.acme.inventory.InventoryException.Kind;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Client for the inventory service, with retries. See README.md for the exact rules.
 *
 * <p>One instance is shared by many threads: it must be safe for concurrent use, and each call keeps
 * its own attempt count, backoff and deadline.
 */
public final class InventoryClient {

  private static final Set<Integer> RETRYABLE_STATUSES = Set.of(429, 500, 502, 503, 504);
  /** Statuses with which the service says it did not act on the request. */
  private static final Set<Integer> NOT_PROCESSED_STATUSES = Set.of(429, 503);

  private static final Pattern SKU = Pattern.compile("[A-Za-z0-9._-]+");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String baseUrl;
  private final RetryPolicy policy;
  private final Sleeper sleeper;
  private final Clock clock;
  private final Backoff backoff;
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
    String url = requireNonNull(baseUrl, "baseUrl").toString();
    this.baseUrl = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    this.policy = requireNonNull(policy, "policy");
    this.sleeper = requireNonNull(sleeper, "sleeper");
    this.clock = requireNonNull(clock, "clock");
    this.backoff = new Backoff(policy.baseDelay(), policy.maxDelay(), requireNonNull(random, "random"));
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(policy.requestTimeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /** A client with the real sleeper, the UTC system clock and {@link RandomSource#threadLocal()}. */
  public InventoryClient(URI baseUrl, RetryPolicy policy) {
    this(baseUrl, policy, Sleeper.system(), Clock.systemUTC(), RandomSource.threadLocal());
  }

  /** {@code GET /stock/{sku}}; retried as README.md describes. */
  public StockLevel stock(String sku) throws InventoryException {
    HttpRequest request = request("/stock/" + checkSku(sku)).GET().build();
    return call(request, true, InventoryClient::parseStock);
  }

  /**
   * {@code POST /reservations} without an idempotency key: retried only after a failure the service
   * certainly did not act on.
   */
  public Reservation reserve(String sku, int quantity) throws InventoryException {
    return call(reservation(sku, quantity).build(), false, InventoryClient::parseReservation);
  }

  /**
   * {@code POST /reservations} with an {@code Idempotency-Key} header: retried like a GET, every
   * attempt carrying the same key.
   */
  public Reservation reserve(String sku, int quantity, String idempotencyKey)
      throws InventoryException {
    requireNonNull(idempotencyKey, "idempotencyKey");
    if (idempotencyKey.isBlank()) {
      throw new IllegalArgumentException("an idempotency key cannot be blank");
    }
    HttpRequest request =
        reservation(sku, quantity).header("Idempotency-Key", idempotencyKey).build();
    return call(request, true, InventoryClient::parseReservation);
  }

  // ---------------------------------------------------------------- the retry loop

  /**
   * Sends {@code request} until it succeeds, fails in a way that is not retried, runs out of attempts
   * or would run past the deadline. Everything here is local to the call.
   *
   * @param idempotent whether any retryable failure may be retried; if not, only failures the
   *     service certainly did not act on are
   */
  private <T> T call(HttpRequest request, boolean idempotent, Parser<T> parser)
      throws InventoryException {
    Instant deadline = clock.instant().plus(policy.overallTimeout());
    for (int attempt = 1; ; attempt++) {
      AttemptFailed failed;
      try {
        return attempt(request, parser);
      } catch (AttemptFailed e) {
        failed = e;
      }
      boolean mayRetry = failed.retryable && (idempotent || failed.notProcessed);
      if (!mayRetry || attempt >= policy.maxAttempts()) {
        throw failed.error;
      }
      int retry = attempt;
      Duration delay = failed.retryAfter.orElseGet(() -> backoff.delay(retry));
      if (delay.compareTo(Duration.between(clock.instant(), deadline)) > 0) {
        throw failed.error; // the next attempt would start after the deadline
      }
      pause(delay);
      if (clock.instant().isAfter(deadline)) {
        throw failed.error;
      }
    }
  }

  /** One request. Success returns; malformed success bodies and interrupts end the call at once. */
  private <T> T attempt(HttpRequest request, Parser<T> parser)
      throws AttemptFailed, InventoryException {
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (HttpConnectTimeoutException | ConnectException e) {
      throw new AttemptFailed(failure(Kind.CONNECTION, "could not connect", e), true, true);
    } catch (HttpTimeoutException e) {
      throw new AttemptFailed(failure(Kind.TIMEOUT, "no response within the timeout", e), true, false);
    } catch (IOException e) {
      throw new AttemptFailed(failure(Kind.CONNECTION, "the exchange failed", e), true, false);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw failure(Kind.INTERRUPTED, "interrupted during " + describe(request), e);
    }
    int status = response.statusCode();
    if (status >= 200 && status < 300) {
      return parser.parse(response);
    }
    InventoryException error =
        new InventoryException(
            Kind.STATUS, status, describe(request) + " answered " + status + ": " + response.body());
    boolean notProcessed = NOT_PROCESSED_STATUSES.contains(status);
    Optional<Duration> retryAfter =
        notProcessed
            ? RetryAfter.parse(response.headers().firstValue("Retry-After").orElse(null), clock.instant())
            : Optional.empty();
    throw new AttemptFailed(error, RETRYABLE_STATUSES.contains(status), notProcessed, retryAfter);
  }

  private void pause(Duration delay) throws InventoryException {
    try {
      sleeper.sleep(delay);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw failure(Kind.INTERRUPTED, "interrupted while waiting to retry", e);
    }
  }

  /** A failed attempt and what it allows. */
  private static final class AttemptFailed extends Exception {
    private static final long serialVersionUID = 1L;

    final InventoryException error;
    final boolean retryable;
    final boolean notProcessed;
    final transient Optional<Duration> retryAfter;

    AttemptFailed(InventoryException error, boolean retryable, boolean notProcessed) {
      this(error, retryable, notProcessed, Optional.empty());
    }

    AttemptFailed(
        InventoryException error,
        boolean retryable,
        boolean notProcessed,
        Optional<Duration> retryAfter) {
      super(error.getMessage(), null, false, false);
      this.error = error;
      this.retryable = retryable;
      this.notProcessed = notProcessed;
      this.retryAfter = retryAfter;
    }
  }

  // ---------------------------------------------------------------- requests and bodies

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(baseUrl + path))
        .timeout(policy.requestTimeout())
        .header("Accept", "application/json");
  }

  private HttpRequest.Builder reservation(String sku, int quantity) {
    checkSku(sku);
    if (quantity < 1) {
      throw new IllegalArgumentException("quantity must be at least 1, was " + quantity);
    }
    ObjectNode body = JSON.createObjectNode().put("sku", sku).put("quantity", quantity);
    return request("/reservations")
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
  }

  private static String checkSku(String sku) {
    requireNonNull(sku, "sku");
    if (!SKU.matcher(sku).matches()) {
      throw new IllegalArgumentException("a SKU is letters, digits, '.', '_' and '-', was '" + sku + "'");
    }
    return sku;
  }

  @FunctionalInterface
  private interface Parser<T> {
    T parse(HttpResponse<String> response) throws InventoryException;
  }

  private static StockLevel parseStock(HttpResponse<String> response) throws InventoryException {
    JsonNode node = readObject(response);
    JsonNode sku = node.get("sku");
    JsonNode available = node.get("available");
    if (sku == null || !sku.isTextual() || !isWholeNumber(available, 0)) {
      throw malformed(response);
    }
    return new StockLevel(sku.textValue(), available.intValue());
  }

  private static Reservation parseReservation(HttpResponse<String> response)
      throws InventoryException {
    JsonNode node = readObject(response);
    JsonNode id = node.get("id");
    JsonNode sku = node.get("sku");
    JsonNode quantity = node.get("quantity");
    if (id == null || !id.isTextual() || sku == null || !sku.isTextual() || !isWholeNumber(quantity, 1)) {
      throw malformed(response);
    }
    return new Reservation(id.textValue(), sku.textValue(), quantity.intValue());
  }

  private static boolean isWholeNumber(JsonNode node, int min) {
    return node != null && node.isIntegralNumber() && node.canConvertToInt() && node.intValue() >= min;
  }

  private static JsonNode readObject(HttpResponse<String> response) throws InventoryException {
    JsonNode node;
    try {
      node = JSON.readTree(response.body());
    } catch (JsonProcessingException e) {
      throw new InventoryException(
          Kind.MALFORMED_RESPONSE,
          response.statusCode(),
          describe(response.request()) + " answered with a body that is not JSON",
          e);
    }
    if (node == null || !node.isObject()) {
      throw malformed(response);
    }
    return node;
  }

  private static InventoryException malformed(HttpResponse<String> response) {
    return new InventoryException(
        Kind.MALFORMED_RESPONSE,
        response.statusCode(),
        describe(response.request()) + " answered with an unexpected body: " + response.body());
  }

  private static InventoryException failure(Kind kind, String message, Throwable cause) {
    return new InventoryException(kind, InventoryException.NO_STATUS, message, cause);
  }

  private static String describe(HttpRequest request) {
    return request.method() + " " + request.uri().getPath();
  }
}
