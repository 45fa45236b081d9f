package com.acme.payments;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
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
  private final KeyStore keys;
  private final ProviderClient provider;
  private final Clock clock;

  private PaymentService(HttpServer server, ExecutorService executor, KeyStore keys, ProviderClient provider,
      Clock clock) {
    this.server = server;
    this.executor = executor;
    this.keys = keys;
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
    KeyStore keys = new KeyStore(dataSource);
    keys.createTable();
    ProviderClient provider = new ProviderClient(providerBaseUrl, providerTimeout);
    HttpServer server = HttpServer.create(address, 0);
    AtomicInteger threads = new AtomicInteger();
    ExecutorService executor = Executors.newFixedThreadPool(32, r -> {
      Thread t = new Thread(r, "payments-http-" + threads.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(executor); // requests are handled concurrently, up to 32 at once
    PaymentService service = new PaymentService(server, executor, keys, provider, clock);
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

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body = exchange.getRequestBody().readAllBytes();
      Response response;
      try {
        response = route(exchange, body);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        response = Response.error(503, "the service is shutting down");
      } catch (Exception e) {
        response = Response.error(500, "internal error");
      }
      send(exchange, response);
    }
  }

  private Response route(HttpExchange exchange, byte[] body) throws Exception {
    if (!"/payments".equals(exchange.getRequestURI().getPath())) {
      return Response.error(404, "not found");
    }
    if (!"POST".equals(exchange.getRequestMethod())) {
      exchange.getResponseHeaders().set("Allow", "POST");
      return Response.error(405, "only POST is allowed");
    }
    Headers headers = exchange.getRequestHeaders();
    String clientId = headers.getFirst("X-Client-Id");
    if (clientId == null || clientId.isEmpty()) {
      return Response.error(400, "the X-Client-Id header is required");
    }
    String key = headers.getFirst("Idempotency-Key");
    if (key == null || key.isEmpty()) {
      return Response.error(400, "the Idempotency-Key header is required");
    }
    if (key.length() > MAX_KEY_LENGTH) {
      return Response.error(400, "the Idempotency-Key header is longer than " + MAX_KEY_LENGTH + " characters");
    }
    PaymentRequest payment;
    try {
      payment = PaymentRequest.parse(body);
    } catch (PaymentRequest.InvalidRequest e) {
      return Response.error(400, e.getMessage());
    }
    return pay(clientId, key, payment);
  }

  private Response pay(String clientId, String key, PaymentRequest payment) throws Exception {
    KeyStore.Claim claim = keys.claim(clientId, key, payment.fingerprint(), clock.instant());
    if (claim instanceof KeyStore.Claim.Replay replay) {
      return new Response(replay.status(), replay.body());
    }
    if (claim instanceof KeyStore.Claim.InProgress) {
      return Response.error(409, "a request with this Idempotency-Key is still in progress");
    }
    if (claim instanceof KeyStore.Claim.Mismatch) {
      return Response.error(422, "this Idempotency-Key was used for another payment");
    }
    KeyStore.Claim.Owned owned = (KeyStore.Claim.Owned) claim;

    boolean completed = false;
    try {
      ProviderClient.Outcome outcome = provider.charge(owned.providerKey(), payment);
      switch (outcome.kind()) {
        case TIMED_OUT:
          return Response.error(504, outcome.detail());
        case FAILED:
          return Response.error(502, outcome.detail());
        default:
          break;
      }
      Payment stored = new Payment("pay_" + UUID.randomUUID(), clientId, payment.amount(), payment.currency(),
          payment.reference(), outcome.chargeId(), clock.instant().truncatedTo(ChronoUnit.MICROS));
      byte[] responseBody = stored.responseBody();
      keys.complete(clientId, key, owned.attempt(), stored, 201, responseBody);
      completed = true;
      return new Response(201, responseBody);
    } finally {
      if (!completed) {
        // Before the answer goes out, so that a client retrying at once finds the key free again.
        releaseQuietly(clientId, key, owned.attempt());
      }
    }
  }

  private void releaseQuietly(String clientId, String key, String attempt) {
    try {
      keys.release(clientId, key, attempt);
    } catch (SQLException e) {
      // The answer (502/504/500) still goes out; the key stays in progress until its retention ends.
    }
  }

  private static void send(HttpExchange exchange, Response response) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(response.status(), response.body().length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(response.body());
    }
  }

  private record Response(int status, byte[] body) {
    static Response error(int status, String message) {
      return new Response(status, Json.error(message));
    }
  }
}
