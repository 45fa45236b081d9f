package com.acme.inventory;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Client for the inventory service, with retries. See README.md for the exact rules.
 *
 * <p>One instance is shared by many threads: it must be safe for concurrent use, and each call keeps
 * its own attempt count, backoff and deadline.
 */
public final class InventoryClient {

  private static final Pattern SKU = Pattern.compile("[A-Za-z0-9._-]+");
  private static final Pattern DELTA_SECONDS = Pattern.compile("[0-9]+");

  /** IMF-fixdate, e.g. {@code Sun, 06 Nov 1994 08:49:37 GMT}; strict (no invalid dates). */
  private static final DateTimeFormatter IMF_FIXDATE =
      DateTimeFormatter.ofPattern("EEE, dd MMM uuuu HH:mm:ss 'GMT'", Locale.US)
          .withResolverStyle(ResolverStyle.STRICT)
          .withZone(ZoneOffset.UTC);

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

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
    requireNonNull(baseUrl, "baseUrl");
    String url = baseUrl.toString();
    while (url.endsWith("/")) {
      url = url.substring(0, url.length() - 1);
    }
    this.baseUrl = url;
    this.policy = requireNonNull(policy, "policy");
    this.sleeper = requireNonNull(sleeper, "sleeper");
    this.clock = requireNonNull(clock, "clock");
    this.random = requireNonNull(random, "random");
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
        HttpRequest.newBuilder(URI.create(baseUrl + "/stock/" + sku))
            .timeout(policy.requestTimeout())
            .header("Accept", "application/json")
            .GET()
            .build();
    return call(request, true, InventoryClient::parseStockLevel);
  }

  /**
   * {@code POST /reservations} without an idempotency key: retried only after a failure the service
   * certainly did not act on.
   */
  public Reservation reserve(String sku, int quantity) throws InventoryException {
    checkSku(sku);
    return call(reservationRequest(sku, quantity, null), false, InventoryClient::parseReservation);
  }

  /**
   * {@code POST /reservations} with an {@code Idempotency-Key} header: retried like a GET, every
   * attempt carrying the same key.
   */
  public Reservation reserve(String sku, int quantity, String idempotencyKey)
      throws InventoryException {
    checkSku(sku);
    if (idempotencyKey == null) {
      throw new IllegalArgumentException("idempotencyKey must not be null");
    }
    return call(
        reservationRequest(sku, quantity, idempotencyKey), true, InventoryClient::parseReservation);
  }

  // ------------------------------------------------------------------ requests

  private HttpRequest reservationRequest(String sku, int quantity, String key) {
    String body = JSON.createObjectNode().put("sku", sku).put("quantity", quantity).toString();
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(baseUrl + "/reservations"))
            .timeout(policy.requestTimeout())
            .header("Content-Type", "application/json")
            .header("Accept", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (key != null) {
      builder.header("Idempotency-Key", key);
    }
    // HttpRequest is immutable: every attempt sends this same request, key included.
    return builder.build();
  }

  private static void checkSku(String sku) {
    if (sku == null || !SKU.matcher(sku).matches()) {
      throw new IllegalArgumentException(
          "a SKU is letters, digits, '.', '_' and '-', was " + (sku == null ? "null" : "'" + sku + "'"));
    }
  }

  // ------------------------------------------------------------------ the retry loop

  /**
   * Sends {@code request} until it succeeds, fails in a way that is not retried, runs out of
   * attempts or reaches the deadline.
   *
   * @param repeatable true for a GET or a POST with an idempotency key; false for a POST without a
   *     key, which is repeated only when the service certainly did not act on it
   */
  private <T> T call(HttpRequest request, boolean repeatable, Function<JsonNode, T> parser)
      throws InventoryException {
    Instant deadline = plusSaturating(clock.instant(), policy.overallTimeout());
    int maxAttempts = policy.maxAttempts();
    for (int attempt = 1; ; attempt++) {
      Failure failure;
      try {
        return attempt(request, parser);
      } catch (Failure f) {
        failure = f;
      }
      if (!isRetried(failure, repeatable) || attempt >= maxAttempts) {
        throw failure.exception;
      }
      // Retry number `attempt` comes next (n = 1 before the second attempt).
      Duration wait = failure.retryAfter;
      if (wait == null) {
        wait = backoff(attempt);
      }
      Instant now = clock.instant();
      if (wait.compareTo(Duration.between(now, deadline)) > 0) {
        throw failure.exception; // the wait would end after the deadline: give up now
      }
      try {
        sleeper.sleep(wait);
      } catch (InterruptedException e) {
        throw interrupted(e);
      }
      if (clock.instant().isAfter(deadline)) {
        throw failure.exception;
      }
    }
  }

  private static boolean isRetried(Failure failure, boolean repeatable) {
    InventoryException e = failure.exception;
    switch (e.kind()) {
      case STATUS:
        int status = e.status();
        if (status == 429 || status == 503) {
          return true;
        }
        return repeatable && (status == 500 || status == 502 || status == 504);
      case TIMEOUT:
        return repeatable;
      case CONNECTION:
        return repeatable || failure.notConnected;
      case MALFORMED_RESPONSE:
      case INTERRUPTED:
      default:
        return false;
    }
  }

  /** {@code random.nextLong(ceiling(n))} milliseconds. */
  private Duration backoff(int n) {
    long delay = random.nextLong(ceilingMillis(n));
    return Duration.ofMillis(delay);
  }

  /** {@code min(maxDelay, baseDelay × 2^(n-1))} in whole milliseconds, without overflow. */
  long ceilingMillis(int n) {
    long base = millis(policy.baseDelay());
    long max = millis(policy.maxDelay());
    int shift = n - 1;
    if (shift >= Long.SIZE - 1 || base > (max >>> shift)) {
      return max;
    }
    return Math.min(max, base << shift);
  }

  private static long millis(Duration d) {
    try {
      return d.toMillis();
    } catch (ArithmeticException tooLong) {
      return Long.MAX_VALUE;
    }
  }

  private static Instant plusSaturating(Instant start, Duration d) {
    try {
      return start.plus(d);
    } catch (DateTimeException | ArithmeticException tooLate) {
      return Instant.MAX;
    }
  }

  // ------------------------------------------------------------------ one attempt

  private <T> T attempt(HttpRequest request, Function<JsonNode, T> parser)
      throws Failure, InventoryException {
    HttpResponse<byte[]> response = send(request);
    int status = response.statusCode();
    if (status >= 200 && status <= 299) {
      T value;
      try {
        value = parser.apply(parseObject(response.body()));
      } catch (MalformedBody e) {
        throw new Failure(
            new InventoryException(
                InventoryException.Kind.MALFORMED_RESPONSE,
                status,
                "malformed " + status + " body from " + describe(request) + ": " + e.getMessage(),
                e.getCause()),
            null,
            false);
      }
      return value;
    }
    Duration retryAfter = null;
    if (status == 429 || status == 503) {
      retryAfter = response.headers().firstValue("Retry-After").flatMap(this::retryAfter).orElse(null);
    }
    throw new Failure(
        new InventoryException(
            InventoryException.Kind.STATUS,
            status,
            describe(request) + " answered " + status),
        retryAfter,
        false);
  }

  /** Sends once, with {@code requestTimeout} for the whole exchange, body included. */
  private HttpResponse<byte[]> send(HttpRequest request) throws Failure, InventoryException {
    Duration timeout = policy.requestTimeout();
    CompletableFuture<HttpResponse<byte[]>> future =
        http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray());
    try {
      return future.get(millis(timeout), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      future.cancel(true);
      throw interrupted(e);
    } catch (TimeoutException e) {
      future.cancel(true);
      throw timeout(request, e);
    } catch (CancellationException e) {
      throw connection(request, e, false);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      if (has(cause, HttpConnectTimeoutException.class)
          || has(cause, ConnectException.class)
          || has(cause, UnresolvedAddressException.class)) {
        throw connection(request, cause, true);
      }
      if (has(cause, HttpTimeoutException.class)) {
        throw timeout(request, cause);
      }
      throw connection(request, cause, false);
    }
  }

  private static boolean has(Throwable t, Class<? extends Throwable> type) {
    for (int depth = 0; t != null && depth < 20; depth++, t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }

  private static Failure timeout(HttpRequest request, Throwable cause) {
    return new Failure(
        new InventoryException(
            InventoryException.Kind.TIMEOUT,
            InventoryException.NO_STATUS,
            describe(request) + ": no response within the request timeout",
            cause),
        null,
        false);
  }

  private static Failure connection(HttpRequest request, Throwable cause, boolean notConnected) {
    return new Failure(
        new InventoryException(
            InventoryException.Kind.CONNECTION,
            InventoryException.NO_STATUS,
            describe(request)
                + (notConnected ? ": could not connect: " : ": connection failed: ")
                + cause,
            cause),
        null,
        notConnected);
  }

  private static InventoryException interrupted(InterruptedException e) {
    Thread.currentThread().interrupt();
    return new InventoryException(
        InventoryException.Kind.INTERRUPTED, InventoryException.NO_STATUS, "interrupted", e);
  }

  private static String describe(HttpRequest request) {
    return request.method() + " " + request.uri().getPath();
  }

  // ------------------------------------------------------------------ Retry-After

  /** The wait a {@code Retry-After} value asks for, or empty when it is not a valid value. */
  private Optional<Duration> retryAfter(String raw) {
    String value = raw.trim();
    if (DELTA_SECONDS.matcher(value).matches()) {
      long seconds;
      try {
        seconds = Long.parseLong(value);
      } catch (NumberFormatException tooBig) {
        seconds = Long.MAX_VALUE; // valid, just far beyond any deadline
      }
      return Optional.of(Duration.ofSeconds(seconds));
    }
    Instant when;
    try {
      when = IMF_FIXDATE.parse(value, Instant::from);
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
    Duration wait = Duration.between(clock.instant(), when);
    return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
  }

  // ------------------------------------------------------------------ bodies

  private static JsonNode parseObject(byte[] body) {
    JsonNode node;
    try {
      node = JSON.readTree(body);
    } catch (JsonProcessingException e) {
      throw new MalformedBody("not JSON", e);
    } catch (IOException e) {
      throw new MalformedBody("unreadable", e);
    }
    if (node == null || !node.isObject()) {
      throw new MalformedBody("not a JSON object", null);
    }
    return node;
  }

  private static StockLevel parseStockLevel(JsonNode node) {
    String sku = text(node, "sku");
    int available = integer(node, "available");
    if (available < 0) {
      throw new MalformedBody("available is negative: " + available, null);
    }
    return new StockLevel(sku, available);
  }

  private static Reservation parseReservation(JsonNode node) {
    String id = text(node, "id");
    String sku = text(node, "sku");
    int quantity = integer(node, "quantity");
    if (quantity < 1) {
      throw new MalformedBody("quantity is below 1: " + quantity, null);
    }
    return new Reservation(id, sku, quantity);
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || !value.isTextual()) {
      throw new MalformedBody(field + " is missing or not a string", null);
    }
    return value.textValue();
  }

  private static int integer(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || !value.isIntegralNumber()) {
      throw new MalformedBody(field + " is missing or not an integer", null);
    }
    if (!value.canConvertToInt()) {
      throw new MalformedBody(field + " is out of range: " + value, null);
    }
    return value.intValue();
  }

  /** A 2xx body that is not the documented JSON. */
  private static final class MalformedBody extends RuntimeException {
    private static final long serialVersionUID = 1L;

    MalformedBody(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** One failed attempt: what the caller sees if it is the last, and what decides a retry. */
  private static final class Failure extends Exception {
    private static final long serialVersionUID = 1L;

    final transient InventoryException exception;
    /** The valid {@code Retry-After} of a 429 or 503, or null. */
    final transient Duration retryAfter;
    /** True when the connection was never made, so the service certainly did not act. */
    final boolean notConnected;

    Failure(InventoryException exception, Duration retryAfter, boolean notConnected) {
      super(exception.getMessage(), null, false, false);
      this.exception = exception;
      this.retryAfter = retryAfter;
      this.notConnected = notConnected;
    }
  }
}
