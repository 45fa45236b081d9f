package com.acme.inventory;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.math.BigInteger;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Client for the inventory service, with retries. See README.md for the exact rules.
 *
 * <p>Third audit solution: the retry loop is a recursion over attempts; the ceiling is computed with
 * {@link BigInteger}; bodies are read with Jackson's streaming parser; the HTTP-date is taken apart
 * by a regular expression; the deadline is compared as elapsed time against the budget.
 */
public final class InventoryClient {

  private static final JsonFactory JSON = new JsonFactory();

  private static final List<String> DAYS = List.of("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun");
  private static final List<String> MONTHS =
      List.of("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec");
  private static final Pattern IMF_FIXDATE =
      Pattern.compile(
          "([A-Z][a-z]{2}), ([0-9]{2}) ([A-Z][a-z]{2}) ([0-9]{4}) ([0-9]{2}):([0-9]{2}):([0-9]{2}) GMT");

  /** How an attempt's failure may be repeated. */
  private enum Repeat {
    /** The service certainly did not act: repeat any request. */
    ALWAYS,
    /** The service may have acted: repeat only a GET or a keyed POST. */
    IF_IDEMPOTENT,
    /** Never repeat. */
    NEVER
  }

  /** One failed attempt. {@code retryAfter} is null unless a valid Retry-After decides the wait. */
  private record Failed(InventoryException error, Repeat repeat, Duration retryAfter) {}

  /** A parsed success body, or null if it is malformed. */
  @FunctionalInterface
  private interface Body<T> {
    T from(Map<String, Object> fields);
  }

  /** What one call carries from attempt to attempt; confined to the calling thread. */
  private record Call<T>(HttpRequest request, boolean idempotent, Body<T> body, Instant start) {}

  private final URI stockBase;
  private final URI reservations;
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
    String base = requireNonNull(baseUrl, "baseUrl").toString().replaceAll("/+$", "");
    this.stockBase = URI.create(base + "/stock/");
    this.reservations = URI.create(base + "/reservations");
    this.policy = requireNonNull(policy, "policy");
    this.sleeper = requireNonNull(sleeper, "sleeper");
    this.clock = requireNonNull(clock, "clock");
    this.random = requireNonNull(random, "random");
    this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  }

  /** A client with the real sleeper, the UTC system clock and {@link RandomSource#threadLocal()}. */
  public InventoryClient(URI baseUrl, RetryPolicy policy) {
    this(baseUrl, policy, Sleeper.system(), Clock.systemUTC(), RandomSource.threadLocal());
  }

  /** {@code GET /stock/{sku}}; retried as README.md describes. */
  public StockLevel stock(String sku) throws InventoryException {
    validSku(sku);
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(stockBase + sku))
            .timeout(policy.requestTimeout())
            .GET()
            .build();
    return call(new Call<>(request, true, InventoryClient::stockLevel, clock.instant()));
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

  private Reservation post(String sku, int quantity, String key) throws InventoryException {
    validSku(sku);
    if (quantity < 1) {
      throw new IllegalArgumentException("quantity must be at least 1, was " + quantity);
    }
    // sku is [A-Za-z0-9._-]+, so it needs no JSON escaping
    String json = "{\"sku\":\"" + sku + "\",\"quantity\":" + quantity + "}";
    HttpRequest.Builder b =
        HttpRequest.newBuilder(reservations)
            .timeout(policy.requestTimeout())
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
    if (key != null) {
      b.header("Idempotency-Key", key);
    }
    HttpRequest request = b.build(); // built once: every attempt sends this very request
    return call(new Call<>(request, key != null, InventoryClient::reservation, clock.instant()));
  }

  private static void validSku(String sku) {
    if (sku == null || sku.isEmpty()) {
      throw new IllegalArgumentException("a SKU is required");
    }
    for (char c : sku.toCharArray()) {
      if ("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-".indexOf(c) < 0) {
        throw new IllegalArgumentException("invalid SKU: " + sku);
      }
    }
  }

  // ------------------------------------------------------------------ attempts, recursively

  private <T> T call(Call<T> call) throws InventoryException {
    return attempt(call, 1);
  }

  /** Sends attempt {@code n}; on a retryable failure waits and recurses into attempt {@code n+1}. */
  private <T> T attempt(Call<T> call, int n) throws InventoryException {
    if (Thread.interrupted()) {
      throw interrupted(new InterruptedException("interrupted before attempt " + n));
    }
    Object outcome = send(call);
    if (!(outcome instanceof Failed failed)) {
      @SuppressWarnings("unchecked")
      T value = (T) outcome;
      return value;
    }
    boolean retryable =
        failed.repeat() == Repeat.ALWAYS
            || (failed.repeat() == Repeat.IF_IDEMPOTENT && call.idempotent());
    if (!retryable || n == policy.maxAttempts()) {
      throw failed.error();
    }
    Duration wait =
        failed.retryAfter() != null ? failed.retryAfter() : Duration.ofMillis(jitter(n));
    Duration budget = policy.overallTimeout();
    Duration left = budget.minus(Duration.between(call.start(), clock.instant()));
    if (wait.compareTo(left) > 0) { // the wait would end after the deadline
      throw failed.error();
    }
    try {
      sleeper.sleep(wait);
    } catch (InterruptedException e) {
      throw interrupted(e);
    }
    if (Duration.between(call.start(), clock.instant()).compareTo(budget) > 0) {
      throw failed.error();
    }
    return attempt(call, n + 1);
  }

  /** The wait before retry {@code n}: one draw in {@code [0, ceiling(n)]}. */
  private long jitter(int n) {
    BigInteger ceiling =
        BigInteger.valueOf(policy.baseDelay().toMillis())
            .shiftLeft(n - 1)
            .min(BigInteger.valueOf(policy.maxDelay().toMillis()));
    return random.nextLong(ceiling.longValueExact());
  }

  /** One exchange: the parsed value, or a {@link Failed}. */
  private <T> Object send(Call<T> call) throws InventoryException {
    HttpResponse<byte[]> response;
    try {
      response = http.send(call.request(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (InterruptedException e) {
      throw interrupted(e);
    } catch (HttpConnectTimeoutException | ConnectException e) {
      return new Failed(below(e), Repeat.ALWAYS, null);
    } catch (HttpTimeoutException e) {
      InventoryException error =
          new InventoryException(
              InventoryException.Kind.TIMEOUT, InventoryException.NO_STATUS, "timed out", e);
      return new Failed(error, Repeat.IF_IDEMPOTENT, null);
    } catch (IOException e) {
      return new Failed(below(e), Repeat.IF_IDEMPOTENT, null);
    }
    int status = response.statusCode();
    if (status >= 200 && status <= 299) {
      T value = parse(response.body(), call.body());
      if (value == null) {
        return new Failed(
            new InventoryException(
                InventoryException.Kind.MALFORMED_RESPONSE, status, "malformed body, status " + status),
            Repeat.NEVER,
            null);
      }
      return value;
    }
    InventoryException error =
        new InventoryException(InventoryException.Kind.STATUS, status, "status " + status);
    switch (status) {
      case 429:
      case 503:
        return new Failed(
            error,
            Repeat.ALWAYS,
            retryAfter(response.headers().firstValue("Retry-After").orElse(null)));
      case 500:
      case 502:
      case 504:
        return new Failed(error, Repeat.IF_IDEMPOTENT, null);
      default:
        return new Failed(error, Repeat.NEVER, null);
    }
  }

  private static InventoryException below(IOException e) {
    return new InventoryException(
        InventoryException.Kind.CONNECTION, InventoryException.NO_STATUS, String.valueOf(e), e);
  }

  private static InventoryException interrupted(InterruptedException e) {
    Thread.currentThread().interrupt();
    return new InventoryException(
        InventoryException.Kind.INTERRUPTED, InventoryException.NO_STATUS, "interrupted", e);
  }

  // ------------------------------------------------------------------ Retry-After

  /** The wait a valid value asks for, or null. */
  private Duration retryAfter(String header) {
    if (header == null) {
      return null;
    }
    String v = header.trim();
    if (!v.isEmpty() && v.chars().allMatch(c -> c >= '0' && c <= '9')) {
      try {
        return Duration.ofSeconds(Long.parseLong(v));
      } catch (NumberFormatException beyondLong) {
        return Duration.ofSeconds(Long.MAX_VALUE); // digits only, longer than anything: forever
      }
    }
    Matcher m = IMF_FIXDATE.matcher(v);
    if (!m.matches()) {
      return null;
    }
    int day = DAYS.indexOf(m.group(1));
    int month = MONTHS.indexOf(m.group(3));
    if (day < 0 || month < 0) {
      return null;
    }
    LocalDateTime at;
    try {
      at =
          LocalDateTime.of(
              Integer.parseInt(m.group(4)),
              month + 1,
              Integer.parseInt(m.group(2)),
              Integer.parseInt(m.group(5)),
              Integer.parseInt(m.group(6)),
              Integer.parseInt(m.group(7)));
    } catch (DateTimeException invalid) {
      return null;
    }
    if (at.getDayOfWeek() != DayOfWeek.of(day + 1)) {
      return null;
    }
    Duration wait = Duration.between(clock.instant(), at.toInstant(ZoneOffset.UTC));
    return wait.isNegative() ? Duration.ZERO : wait;
  }

  // ------------------------------------------------------------------ bodies

  /** The top-level fields of a JSON object (strings, ints, or a marker for anything else). */
  private static <T> T parse(byte[] body, Body<T> reader) {
    Map<String, Object> fields = new HashMap<>();
    try (JsonParser p = JSON.createParser(body)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.getCurrentName();
        JsonToken t = p.nextToken();
        if (t == JsonToken.VALUE_STRING) {
          fields.put(name, p.getText());
        } else if (t == JsonToken.VALUE_NUMBER_INT
            && p.getNumberType() == JsonParser.NumberType.INT) {
          fields.put(name, p.getIntValue());
        } else {
          fields.put(name, Boolean.FALSE); // neither a string nor an int: wrong type if it matters
          p.skipChildren();
        }
      }
      if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null) {
        return null; // truncated, or something after the object
      }
    } catch (IOException notJson) {
      return null;
    }
    return reader.from(fields);
  }

  private static StockLevel stockLevel(Map<String, Object> f) {
    if (f.get("sku") instanceof String sku
        && f.get("available") instanceof Integer available
        && available >= 0) {
      return new StockLevel(sku, available);
    }
    return null;
  }

  private static Reservation reservation(Map<String, Object> f) {
    if (f.get("id") instanceof String id
        && f.get("sku") instanceof String sku
        && f.get("quantity") instanceof Integer quantity
        && quantity >= 1) {
      return new Reservation(id, sku, quantity);
    }
    return null;
  }
}
