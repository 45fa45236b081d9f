package com.acme.inventory;

import static java.util.Objects.requireNonNull;

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
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.util.Locale;
import java.util.Optional;
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
  private static final DateTimeFormatter IMF_FIXDATE =
      DateTimeFormatter.ofPattern("EEE, dd MMM uuuu HH:mm:ss 'GMT'", Locale.US)
          .withZone(ZoneOffset.UTC)
          .withResolverStyle(ResolverStyle.STRICT);
  private static final ObjectMapper JSON = new ObjectMapper();

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
    return execute(request, true, InventoryClient::parseStock);
  }

  /**
   * {@code POST /reservations} without an idempotency key: retried only after a failure the service
   * certainly did not act on.
   */
  public Reservation reserve(String sku, int quantity) throws InventoryException {
    return doReserve(sku, quantity, null);
  }

  /**
   * {@code POST /reservations} with an {@code Idempotency-Key} header: retried like a GET, every
   * attempt carrying the same key.
   */
  public Reservation reserve(String sku, int quantity, String idempotencyKey)
      throws InventoryException {
    requireNonNull(idempotencyKey, "idempotencyKey");
    return doReserve(sku, quantity, idempotencyKey);
  }

  private Reservation doReserve(String sku, int quantity, String key) throws InventoryException {
    checkSku(sku);
    if (quantity < 1) {
      throw new IllegalArgumentException("quantity must be at least 1, was " + quantity);
    }
    ObjectNode body = JSON.createObjectNode().put("sku", sku).put("quantity", quantity);
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(baseUrl + "/reservations"))
            .timeout(policy.requestTimeout())
            .header("Content-Type", "application/json")
            .header("Accept", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
    if (key != null) {
      builder.header("Idempotency-Key", key);
    }
    // The same HttpRequest (same key) is sent on every attempt.
    return execute(builder.build(), key != null, InventoryClient::parseReservation);
  }

  private static void checkSku(String sku) {
    if (sku == null || !SKU.matcher(sku).matches()) {
      throw new IllegalArgumentException("invalid SKU: " + sku);
    }
  }

  // ---------------------------------------------------------------- the retry loop

  /** What one failed attempt left behind. */
  private record Failure(InventoryException error, boolean retryable, Optional<Duration> retryAfter) {}

  private <T> T execute(HttpRequest request, boolean idempotent, Function<JsonNode, T> parser)
      throws InventoryException {
    Instant deadline = clock.instant().plus(policy.overallTimeout());
    int maxAttempts = policy.maxAttempts();
    for (int attempt = 1; ; attempt++) {
      Failure failure;
      try {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
          T value = parse(response.body(), status, parser);
          return value;
        }
        failure = statusFailure(response, idempotent);
      } catch (InterruptedException e) {
        throw interrupted(e);
      } catch (HttpConnectTimeoutException e) {
        // the connection could not be established in time: the service never saw the request
        failure = new Failure(connection(e), true, Optional.empty());
      } catch (HttpTimeoutException e) {
        failure =
            new Failure(
                new InventoryException(
                    InventoryException.Kind.TIMEOUT,
                    InventoryException.NO_STATUS,
                    "no response within " + policy.requestTimeout(),
                    e),
                idempotent,
                Optional.empty());
      } catch (ConnectException e) {
        failure = new Failure(connection(e), true, Optional.empty());
      } catch (IOException e) {
        failure = new Failure(connection(e), idempotent, Optional.empty());
      }

      if (!failure.retryable() || attempt >= maxAttempts) {
        throw failure.error();
      }
      int retry = attempt; // retry n comes after attempt n
      Duration wait = failure.retryAfter().orElseGet(() -> Duration.ofMillis(backoff(retry)));
      Instant now = clock.instant();
      if (Duration.between(now, deadline).compareTo(wait) < 0) {
        throw failure.error(); // the wait would end after the deadline
      }
      try {
        sleeper.sleep(wait);
      } catch (InterruptedException e) {
        throw interrupted(e);
      }
      if (clock.instant().isAfter(deadline)) {
        throw failure.error();
      }
    }
  }

  private Failure statusFailure(HttpResponse<String> response, boolean idempotent) {
    int status = response.statusCode();
    InventoryException error =
        new InventoryException(
            InventoryException.Kind.STATUS, status, "inventory service answered " + status);
    switch (status) {
      case 429:
      case 503:
        return new Failure(error, true, retryAfter(response));
      case 500:
      case 502:
      case 504:
        return new Failure(error, idempotent, Optional.empty());
      default:
        return new Failure(error, false, Optional.empty());
    }
  }

  /** {@code ceiling(n) = min(maxDelay, baseDelay * 2^(n-1))} without overflow, then full jitter. */
  private long backoff(int n) {
    long base = policy.baseDelay().toMillis();
    long cap = policy.maxDelay().toMillis();
    int shift = n - 1;
    long ceiling;
    if (shift >= Long.SIZE - 1 || base > (cap >> shift)) {
      ceiling = cap;
    } else {
      ceiling = Math.min(cap, base << shift);
    }
    return random.nextLong(ceiling);
  }

  /** The wait a valid {@code Retry-After} asks for, or empty when it is absent or not valid. */
  private Optional<Duration> retryAfter(HttpResponse<?> response) {
    Optional<String> header = response.headers().firstValue("Retry-After");
    if (header.isEmpty()) {
      return Optional.empty();
    }
    String value = header.get().trim();
    if (DELTA_SECONDS.matcher(value).matches()) {
      try {
        return Optional.of(Duration.ofSeconds(Long.parseLong(value)));
      } catch (NumberFormatException | ArithmeticException tooLarge) {
        // digits only but beyond any deadline: as good as forever
        return Optional.of(Duration.ofSeconds(Long.MAX_VALUE));
      }
    }
    try {
      Instant when = Instant.from(IMF_FIXDATE.parse(value));
      Duration wait = Duration.between(clock.instant(), when);
      return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
    } catch (java.time.DateTimeException notADate) {
      return Optional.empty();
    }
  }

  private static InventoryException connection(IOException e) {
    return new InventoryException(
        InventoryException.Kind.CONNECTION,
        InventoryException.NO_STATUS,
        "exchange with the inventory service failed: " + e,
        e);
  }

  private static InventoryException interrupted(InterruptedException e) {
    Thread.currentThread().interrupt();
    return new InventoryException(
        InventoryException.Kind.INTERRUPTED, InventoryException.NO_STATUS, "interrupted", e);
  }

  // ---------------------------------------------------------------- bodies

  /** Thrown by the parsers for a body that is not the documented JSON. */
  private static final class Malformed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Malformed(String message) {
      super(message);
    }
  }

  private static <T> T parse(String body, int status, Function<JsonNode, T> parser)
      throws InventoryException {
    try {
      JsonNode node = JSON.readTree(body == null ? "" : body);
      if (node == null || !node.isObject()) {
        throw new Malformed("not a JSON object");
      }
      return parser.apply(node);
    } catch (IOException | Malformed e) {
      throw new InventoryException(
          InventoryException.Kind.MALFORMED_RESPONSE,
          status,
          "malformed body with status " + status + ": " + e.getMessage(),
          e);
    }
  }

  private static StockLevel parseStock(JsonNode node) {
    String sku = text(node, "sku");
    int available = integer(node, "available");
    if (available < 0) {
      throw new Malformed("available is negative");
    }
    return new StockLevel(sku, available);
  }

  private static Reservation parseReservation(JsonNode node) {
    String id = text(node, "id");
    String sku = text(node, "sku");
    int quantity = integer(node, "quantity");
    if (quantity < 1) {
      throw new Malformed("quantity is below 1");
    }
    return new Reservation(id, sku, quantity);
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || !value.isTextual()) {
      throw new Malformed(field + " is missing or not a string");
    }
    return value.textValue();
  }

  private static int integer(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || !value.isIntegralNumber() || !value.canConvertToInt()) {
      throw new Malformed(field + " is missing or not an integer");
    }
    return value.intValue();
  }
}
