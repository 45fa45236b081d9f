package com.acme.payments;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * {@code POST /payments}: charges through the payment provider, safe to retry with an Idempotency-Key.
 * See README.md. Keep the signatures of {@link #start}, {@link #port}, {@link #baseUri} and {@link #close}.
 */
public final class PaymentService implements AutoCloseable {

  static final int MAX_KEY_LENGTH = 255;

  private final HttpServer server;
  private final ExecutorService executor;
  private final IdempotencyStore store;
  private final ProviderClient provider;
  private final Clock clock;
  private final ObjectMapper json = new ObjectMapper();

  private PaymentService(HttpServer server, ExecutorService executor, IdempotencyStore store,
      URI providerBaseUrl, Duration providerTimeout, Clock clock) {
    this.server = server;
    this.executor = executor;
    this.store = store;
    this.provider = new ProviderClient(providerBaseUrl, providerTimeout, json);
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
    store.createTable();
    HttpServer server = HttpServer.create(address, 0);
    AtomicInteger threads = new AtomicInteger();
    ExecutorService executor = Executors.newFixedThreadPool(32, r -> {
      Thread t = new Thread(r, "payments-http-" + threads.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(executor); // requests are handled concurrently, up to 32 at once
    PaymentService service = new PaymentService(server, executor, store, providerBaseUrl, providerTimeout, clock);
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

  /** A status and the exact bytes of its body. */
  private record Answer(int status, byte[] body) {}

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      Answer answer;
      try {
        answer = route(exchange);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        answer = error(503, "the service is shutting down");
      } catch (Exception e) {
        answer = error(500, "internal error");
      }
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(answer.status(), answer.body().length == 0 ? -1 : answer.body().length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(answer.body());
      }
    }
  }

  private Answer route(HttpExchange exchange) throws Exception {
    if (!"/payments".equals(exchange.getRequestURI().getPath())) {
      return error(404, "not found");
    }
    if (!"POST".equals(exchange.getRequestMethod())) {
      exchange.getResponseHeaders().set("Allow", "POST");
      return error(405, "method not allowed");
    }
    byte[] raw;
    try (InputStream in = exchange.getRequestBody()) {
      raw = in.readAllBytes();
    }
    String clientId = exchange.getRequestHeaders().getFirst("X-Client-Id");
    if (clientId == null || clientId.isBlank()) {
      return error(400, "the X-Client-Id header is required");
    }
    String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
    if (key == null || key.isEmpty()) {
      return error(400, "the Idempotency-Key header is required");
    }
    if (key.length() > MAX_KEY_LENGTH) {
      return error(400, "the Idempotency-Key header is longer than " + MAX_KEY_LENGTH + " characters");
    }
    PaymentRequest request;
    try {
      request = PaymentRequest.parse(json, raw);
    } catch (PaymentRequest.InvalidRequest e) {
      return error(400, e.getMessage());
    }
    return pay(clientId, key, request);
  }

  private Answer pay(String clientId, String key, PaymentRequest request) throws Exception {
    Instant now = clock.instant();
    IdempotencyStore.Claim claim = store.claim(clientId, key, request.fingerprint(json), now);
    if (claim instanceof IdempotencyStore.Replay replay) {
      return new Answer(replay.status(), replay.body());
    }
    if (claim instanceof IdempotencyStore.InProgress) {
      return error(409, "a request with this Idempotency-Key is still in progress");
    }
    if (claim instanceof IdempotencyStore.Mismatch) {
      return error(422, "this Idempotency-Key was used with another payload");
    }
    String providerKey = ((IdempotencyStore.Owner) claim).providerKey();
    boolean completed = false;
    try {
      ProviderClient.Outcome outcome = provider.charge(providerKey, request);
      if (outcome instanceof ProviderClient.TimedOut) {
        return error(504, "the payment provider did not answer in time");
      }
      if (outcome instanceof ProviderClient.Failed failed) {
        return error(502, "the payment provider failed");
      }
      String chargeId = ((ProviderClient.Charged) outcome).chargeId();
      String paymentId = "pay_" + UUID.randomUUID();
      Instant createdAt = clock.instant();
      byte[] body = paymentBody(paymentId, clientId, request, chargeId, createdAt);
      store.complete(clientId, key, providerKey, paymentId, request, chargeId, createdAt, 201, body);
      completed = true;
      return new Answer(201, body);
    } finally {
      if (!completed) {
        store.release(clientId, key, providerKey);
      }
    }
  }

  private byte[] paymentBody(String paymentId, String clientId, PaymentRequest request, String chargeId,
      Instant createdAt) throws JsonProcessingException {
    ObjectNode node = json.createObjectNode();
    node.put("id", paymentId);
    node.put("client_id", clientId);
    node.put("amount", request.amount());
    node.put("currency", request.currency());
    node.put("reference", request.reference());
    node.put("charge_id", chargeId);
    node.put("status", "succeeded");
    node.put("created_at", createdAt.toString());
    return json.writeValueAsBytes(node);
  }

  private Answer error(int status, String message) {
    ObjectNode node = json.createObjectNode();
    node.put("error", message);
    try {
      return new Answer(status, json.writeValueAsBytes(node));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
