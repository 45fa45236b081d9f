package com.acme.inventory;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/**
 * Client for the inventory service, with retries. See README.md for the exact rules.
 *
 * <p>One instance is shared by many threads: it must be safe for concurrent use, and each call keeps
 * its own attempt count, backoff and deadline.
 */
public final class InventoryClient {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private static final Pattern SKU = Pattern.compile("[A-Za-z0-9._-]+");
  private static final Pattern DELTA_SECONDS = Pattern.compile("[0-9]+");

  /** IMF-fixdate, e.g. {@code Sun, 06 Nov 1994 08:49:37 GMT}; strict, the weekday must match. */
  private static final DateTimeFormatter IMF_FIXDATE =
      DateTimeFormatter.ofPattern("EEE, dd MMM uuuu HH:mm:ss 'GMT'", Locale.US)
          .withZone(ZoneOffset.UTC)
          .withResolverStyle(ResolverStyle.STRICT);

  /** A Retry-After too large to represent: always beyond any deadline. */
  private static final Duration FOREVER = Duration.ofSeconds(Long.MAX_VALUE);

  private final String baseUrl;
  private final RetryPolicy policy;
  private final Sleeper sleeper;
  private final Clock clock;
  private final RandomSource random;
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
    String base = requireNonNull(baseUrl, "baseUrl").toString();
    while (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    this.baseUrl = base;
    this.policy = requireNonNull(policy, "policy");
    this.sleeper = requireNonNull(sleeper, "sleeper");
    this.clock = requireNonNull(clock, "clock");
    this.random = requireNonNull(random, "random");
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(policy.requestTimeout())
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
        HttpRequest.newBuilder(URI.create(baseUrl + "/stock/" + sku))
            .timeout(policy.requestTimeout())
            .header("Accept", "application/json")
            .GET()
            .build();
    return call(request, true, InventoryClient::readStock);
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
    return post(sku, quantity, requireNonNull(idempotencyKey, "idempotencyKey"));
  }

  // ------------------------------------------------------------------ requests

  private Reservation post(String sku, int quantity, String key) throws InventoryException {
    checkSku(sku);
    if (quantity < 1) {
      throw new IllegalArgumentException("quantity must be at least 1, was " + quantity);
    }
    ObjectNode body = JSON.createObjectNode().put("sku", sku).put("quantity", quantity);
    String json;
    try {
      json = JSON.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(baseUrl + "/reservations"))
            .timeout(policy.requestTimeout())
            .header("Content-Type", "application/json")
            .header("Accept", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json));
    if (key != null) {
      builder.header("Idempotency-Key", key);
    }
    // The request is built once: every attempt sends the very same request, key included.
    return call(builder.build(), key != null, InventoryClient::readReservation);
  }

  private static void checkSku(String sku) {
    if (sku == null || !SKU.matcher(sku).matches()) {
      throw new IllegalArgumentException(
          "a SKU is letters, digits, '.', '_' and '-', was " + (sku == null ? "null" : '"' + sku + '"'));
    }
  }

  // ------------------------------------------------------------------ the retry loop

  /**
   * One call: attempts until a success, a failure that is not retried, the last attempt, or the
   * deadline. All state is local, so concurrent calls never share anything but the immutable fields.
   *
   * @param idempotent true for a GET or a POST with an idempotency key
   */
  private <T> T call(HttpRequest request, boolean idempotent, BodyReader<T> reader)
      throws InventoryException {
    Instant start = clock.instant();
    Duration budget = policy.overallTimeout();
    for (int attempt = 1; ; attempt++) {
      Outcome<T> outcome = attempt(request, idempotent, reader);
      if (outcome.failure == null) {
        return outcome.value;
      }
      Failure failure = outcome.failure;
      if (attempt >= policy.maxAttempts() || !failure.retried) {
        throw failure.exception;
      }
      Duration wait =
          failure.retryAfter != null
              ? failure.retryAfter
              : Duration.ofMillis(random.nextLong(ceilingMillis(attempt)));
      Duration left = budget.minus(Duration.between(start, clock.instant()));
      if (wait.compareTo(left) > 0) {
        throw failure.exception; // the wait would end after the deadline: give up now
      }
      try {
        sleeper.sleep(wait);
      } catch (InterruptedException e) {
        throw interrupted(e);
      }
      if (Duration.between(start, clock.instant()).compareTo(budget) > 0) {
        throw failure.exception;
      }
    }
  }

  /** {@code min(maxDelay, baseDelay × 2^(n-1))} in whole milliseconds, without overflow. */
  private long ceilingMillis(int n) {
    long base = policy.baseDelay().toMillis();
    long max = millisSaturated(policy.maxDelay());
    int shift = n - 1;
    if (shift >= Long.SIZE - 1 || base > (max >> shift)) {
      return max;
    }
    return base << shift;
  }

  private static long millisSaturated(Duration d) {
    try {
      return d.toMillis();
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE;
    }
  }

  private static long nanosSaturated(Duration d) {
    try {
      return d.toNanos();
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE;
    }
  }

  private static InventoryException interrupted(InterruptedException e) {
    Thread.currentThread().interrupt();
    return new InventoryException(
        InventoryException.Kind.INTERRUPTED, InventoryException.NO_STATUS, "interrupted", e);
  }

  // ------------------------------------------------------------------ one attempt

  private <T> Outcome<T> attempt(HttpRequest request, boolean idempotent, BodyReader<T> reader)
      throws InventoryException {
    if (Thread.interrupted()) {
      throw interrupted(new InterruptedException("interrupted before sending"));
    }
    Duration timeout = policy.requestTimeout();
    CompletableFuture<HttpResponse<byte[]>> exchange =
        http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray());
    HttpResponse<byte[]> response;
    try {
      // The whole exchange, body included, within the request timeout.
      response = exchange.get(nanosSaturated(timeout), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      exchange.cancel(true);
      return Outcome.failed(timeout(e, idempotent));
    } catch (ExecutionException e) {
      return Outcome.failed(belowHttp(e.getCause(), idempotent));
    } catch (InterruptedException e) {
      exchange.cancel(true);
      throw interrupted(e);
    }
    return answered(response, idempotent, reader);
  }

  private static Failure timeout(Throwable cause, boolean idempotent) {
    return new Failure(
        new InventoryException(
            InventoryException.Kind.TIMEOUT,
            InventoryException.NO_STATUS,
            "no response within the request timeout",
            cause),
        idempotent,
        null);
  }

  /** A failure below HTTP: timeout, connection never made, or anything else. */
  private static Failure belowHttp(Throwable thrown, boolean idempotent) {
    Throwable cause = thrown;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    if (neverConnected(cause)) {
      // The service never saw the request: safe to repeat, even a POST without a key.
      return new Failure(
          new InventoryException(
              InventoryException.Kind.CONNECTION,
              InventoryException.NO_STATUS,
              "could not connect: " + cause,
              cause),
          true,
          null);
    }
    if (cause instanceof HttpTimeoutException) {
      return timeout(cause, idempotent);
    }
    return new Failure(
        new InventoryException(
            InventoryException.Kind.CONNECTION,
            InventoryException.NO_STATUS,
            "exchange failed: " + cause,
            cause),
        idempotent,
        null);
  }

  private static boolean neverConnected(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof ConnectException || c instanceof HttpConnectTimeoutException) {
        return true;
      }
      if (c.getCause() == c) {
        break;
      }
    }
    return false;
  }

  private <T> Outcome<T> answered(
      HttpResponse<byte[]> response, boolean idempotent, BodyReader<T> reader) {
    int status = response.statusCode();
    if (status >= 200 && status <= 299) {
      try {
        return Outcome.succeeded(reader.read(response.body()));
      } catch (MalformedBody e) {
        return Outcome.failed(
            new Failure(
                new InventoryException(
                    InventoryException.Kind.MALFORMED_RESPONSE,
                    status,
                    "malformed " + status + " body: " + e.getMessage()),
                false,
                null));
      }
    }
    InventoryException failure =
        new InventoryException(InventoryException.Kind.STATUS, status, "status " + status);
    if (status == 429 || status == 503) {
      Duration retryAfter =
          response.headers().firstValue("Retry-After").flatMap(this::retryAfter).orElse(null);
      return Outcome.failed(new Failure(failure, true, retryAfter));
    }
    if (status == 500 || status == 502 || status == 504) {
      return Outcome.failed(new Failure(failure, idempotent, null));
    }
    return Outcome.failed(new Failure(failure, false, null));
  }

  /** A valid Retry-After as a wait, or empty when the value is not valid. */
  private Optional<Duration> retryAfter(String header) {
    String value = header.trim();
    if (DELTA_SECONDS.matcher(value).matches()) {
      try {
        return Optional.of(Duration.ofSeconds(Long.parseLong(value)));
      } catch (NumberFormatException tooLarge) {
        return Optional.of(FOREVER);
      }
    }
    Instant when;
    try {
      when = IMF_FIXDATE.parse(value, Instant::from);
    } catch (DateTimeException notADate) {
      return Optional.empty();
    }
    Duration wait = Duration.between(clock.instant(), when);
    return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
  }

  // ------------------------------------------------------------------ bodies

  private static StockLevel readStock(byte[] body) throws MalformedBody {
    JsonNode object = object(body);
    String sku = text(object, "sku");
    int available = integer(object, "available");
    if (available < 0) {
      throw new MalformedBody("available is negative: " + available);
    }
    return new StockLevel(sku, available);
  }

  private static Reservation readReservation(byte[] body) throws MalformedBody {
    JsonNode object = object(body);
    String id = text(object, "id");
    String sku = text(object, "sku");
    int quantity = integer(object, "quantity");
    if (quantity < 1) {
      throw new MalformedBody("quantity is below 1: " + quantity);
    }
    return new Reservation(id, sku, quantity);
  }

  private static JsonNode object(byte[] body) throws MalformedBody {
    JsonNode node;
    try {
      node = JSON.readTree(body);
    } catch (IOException e) {
      throw new MalformedBody("not JSON: " + e.getMessage());
    }
    if (node == null || !node.isObject()) {
      throw new MalformedBody("not a JSON object");
    }
    return node;
  }

  private static String text(JsonNode object, String field) throws MalformedBody {
    JsonNode value = object.get(field);
    if (value == null || !value.isTextual()) {
      throw new MalformedBody("'" + field + "' is missing or not a string");
    }
    return value.textValue();
  }

  private static int integer(JsonNode object, String field) throws MalformedBody {
    JsonNode value = object.get(field);
    if (value == null || !value.isIntegralNumber() || !value.canConvertToInt()) {
      throw new MalformedBody("'" + field + "' is missing or not an integer");
    }
    return value.intValue();
  }

  // ------------------------------------------------------------------ small types

  @FunctionalInterface
  private interface BodyReader<T> {
    T read(byte[] body) throws MalformedBody;
  }

  private static final class MalformedBody extends Exception {
    private static final long serialVersionUID = 1L;

    MalformedBody(String message) {
      super(message, null, false, false);
    }
  }

  /** A failed attempt: what the caller sees if it is the last, whether to retry, Retry-After. */
  private record Failure(InventoryException exception, boolean retried, Duration retryAfter) {}

  private record Outcome<T>(T value, Failure failure) {
    static <T> Outcome<T> succeeded(T value) {
      return new Outcome<>(value, null);
    }

    static <T> Outcome<T> failed(Failure failure) {
      return new Outcome<>(null, failure);
    }
  }
}
