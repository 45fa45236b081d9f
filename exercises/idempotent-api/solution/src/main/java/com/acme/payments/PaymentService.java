package com.acme.payments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/** {@code POST /payments}: charges through the payment provider, safe to retry with an Idempotency-Key. */
public final class PaymentService implements AutoCloseable {

  static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
  static final int MAX_KEY_LENGTH = 255;

  private final HttpServer server;
  private final ExecutorService executor;
  private final IdempotencyStore store;
  private final ProviderClient provider;
  private final Clock clock;

  private PaymentService(HttpServer server, ExecutorService executor, IdempotencyStore store,
      ProviderClient provider, Clock clock) {
    this.server = server;
    this.executor = executor;
    this.store = store;
    this.provider = provider;
    this.clock = clock;
  }

  /**
   * Starts the service on {@code address} (port 0: any free port).
   *
   * @param dataSource the database; payments go to {@link Schema}'s table
   * @param providerBaseUrl the payment provider, e.g. {@code http://127.0.0.1:8089}; charges are {@code POST {base}/charges}
   * @param clock the only source of time for retention
   * @param providerTimeout how long to wait for the provider's answer to one charge
   */
  public static PaymentService start(DataSource dataSource, URI providerBaseUrl, Clock clock,
      Duration providerTimeout, InetSocketAddress address) throws IOException {
    Schema.apply(dataSource);
    IdempotencyStore store = new IdempotencyStore(dataSource);
    store.createSchema();
    HttpServer server = HttpServer.create(address, 0);
    AtomicInteger threads = new AtomicInteger();
    ExecutorService executor = Executors.newFixedThreadPool(32, r -> {
      Thread t = new Thread(r, "payments-http-" + threads.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(executor);
    PaymentService service = new PaymentService(server, executor, store,
        new ProviderClient(providerBaseUrl, providerTimeout), clock);
    server.createContext("/", service::handle);
    server.start();
    return service;
  }

  /** The port the service listens on. */
  public int port() {
    return server.getAddress().getPort();
  }

  /** {@code http://<address>:<port>}. */
  public URI baseUri() {
    return URI.create("http://" + server.getAddress().getAddress().getHostAddress() + ":" + port());
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  // ------------------------------------------------------------------ HTTP

  /** A response: status and the exact body bytes (as text). */
  record Response(int status, String body) {}

  private static final class BadRequest extends Exception {
    BadRequest(String message) {
      super(message);
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      Response response;
      try {
        response = route(exchange);
      } catch (BadRequest e) {
        response = error(400, e.getMessage());
      } catch (RuntimeException e) {
        e.printStackTrace();
        response = error(500, "internal error");
      }
      byte[] bytes = response.body().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(response.status(), bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  private Response route(HttpExchange exchange) throws IOException, BadRequest {
    if (!exchange.getRequestURI().getPath().equals("/payments")) {
      return error(404, "no such resource");
    }
    if (!exchange.getRequestMethod().equals("POST")) {
      return error(405, "use POST");
    }
    String client = exchange.getRequestHeaders().getFirst("X-Client-Id");
    if (client == null || client.isBlank()) {
      throw new BadRequest("the X-Client-Id header is required");
    }
    String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
    if (key == null || key.isEmpty()) {
      throw new BadRequest("the Idempotency-Key header is required");
    }
    if (key.length() > MAX_KEY_LENGTH) {
      throw new BadRequest("the Idempotency-Key header is longer than " + MAX_KEY_LENGTH + " characters");
    }
    PaymentRequest request;
    try (InputStream in = exchange.getRequestBody()) {
      request = parse(in.readAllBytes());
    }
    return pay(client, key, request);
  }

  /** The request body, validated. */
  record PaymentRequest(long amount, String currency, String reference) {
    /** What identifies the payload: the same fields give the same fingerprint, however the JSON was written. */
    String fingerprint() {
      return amount + "|" + currency + "|" + reference;
    }
  }

  private static PaymentRequest parse(byte[] body) throws BadRequest {
    JsonNode node;
    try {
      node = JSON.readTree(body);
    } catch (IOException e) {
      throw new BadRequest("the body is not JSON");
    }
    if (node == null || !node.isObject()) {
      throw new BadRequest("the body must be a JSON object");
    }
    JsonNode amount = node.get("amount");
    if (amount == null || !amount.isIntegralNumber() || !amount.canConvertToLong() || amount.asLong() <= 0) {
      throw new BadRequest("amount must be a whole number greater than 0");
    }
    JsonNode currency = node.get("currency");
    if (currency == null || !currency.isTextual() || !CURRENCY.matcher(currency.asText()).matches()) {
      throw new BadRequest("currency must be three upper-case letters");
    }
    JsonNode reference = node.get("reference");
    if (reference == null || !reference.isTextual() || reference.asText().isBlank()
        || reference.asText().length() > 100) {
      throw new BadRequest("reference must be a non-empty string of at most 100 characters");
    }
    return new PaymentRequest(amount.asLong(), currency.asText(), reference.asText());
  }

  private Response pay(String client, String key, PaymentRequest request) {
    Instant now = clock.instant();
    IdempotencyStore.Claim claim = store.claim(client, key, request.fingerprint(), now);
    switch (claim.outcome()) {
      case MISMATCH:
        return error(422, "this Idempotency-Key was used with a different payload");
      case IN_FLIGHT:
        return error(409, "a request with this Idempotency-Key is still being processed");
      case REPLAY:
        return claim.response();
      case OWNED:
      default:
        break;
    }
    String chargeId;
    try {
      chargeId = provider.charge(claim.downstreamKey(), request);
    } catch (ProviderClient.ProviderTimeout e) {
      store.release(client, key);
      return error(504, "the payment provider did not answer in time; retry with the same Idempotency-Key");
    } catch (ProviderClient.ProviderFailure e) {
      store.release(client, key);
      return error(502, "the payment provider failed; retry with the same Idempotency-Key");
    } catch (RuntimeException e) {
      store.release(client, key);
      throw e;
    }
    try {
      String paymentId = "pay_" + UUID.randomUUID();
      Instant createdAt = clock.instant();
      ObjectNode body = JSON.createObjectNode();
      body.put("id", paymentId);
      body.put("amount", request.amount());
      body.put("currency", request.currency());
      body.put("reference", request.reference());
      body.put("chargeId", chargeId);
      body.put("status", "succeeded");
      body.put("createdAt", createdAt.toString());
      Response response = new Response(201, body.toString());
      store.complete(client, key, claim.downstreamKey(), paymentId, request, chargeId, createdAt, response);
      return response;
    } catch (RuntimeException e) {
      store.release(client, key);
      throw e;
    }
  }

  static Response error(int status, String message) {
    ObjectNode body = JSON.createObjectNode();
    body.put("error", message);
    return new Response(status, body.toString());
  }
}
