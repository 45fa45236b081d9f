package com.acme.payments;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * {@code POST /payments}: charges through the payment provider, safe to retry with an Idempotency-Key.
 * See README.md. Keep the signatures of {@link #start}, {@link #port}, {@link #baseUri} and {@link #close}.
 */
public final class PaymentService implements AutoCloseable {

  private static final int MAX_KEY_LENGTH = 255;
  private static final int MAX_BODY_BYTES = 64 * 1024;

  private final HttpServer server;
  private final ExecutorService executor;
  private final IdempotentPayments payments;

  private PaymentService(HttpServer server, ExecutorService executor, IdempotentPayments payments) {
    this.server = server;
    this.executor = executor;
    this.payments = payments;
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
    IdempotentPayments.createTables(dataSource);
    IdempotentPayments payments =
        new IdempotentPayments(dataSource, new ProviderClient(providerBaseUrl, providerTimeout), clock);
    HttpServer server = HttpServer.create(address, 0);
    AtomicInteger threads = new AtomicInteger();
    ExecutorService executor = Executors.newFixedThreadPool(32, r -> {
      Thread t = new Thread(r, "payments-http-" + threads.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(executor); // requests are handled concurrently, up to 32 at once
    PaymentService service = new PaymentService(server, executor, payments);
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
      IdempotentPayments.Response response;
      try {
        response = process(exchange);
      } catch (SQLException | RuntimeException e) {
        response = IdempotentPayments.Response.error(500, "internal error");
      }
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      if (response.status() == 409) {
        exchange.getResponseHeaders().set("Retry-After", "1");
      }
      exchange.sendResponseHeaders(response.status(), response.body().length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(response.body());
      }
    }
  }

  private IdempotentPayments.Response process(HttpExchange exchange) throws IOException, SQLException {
    byte[] body = readBody(exchange);
    if (!"/payments".equals(exchange.getRequestURI().getPath())) {
      return IdempotentPayments.Response.error(404, "not found");
    }
    if (!"POST".equals(exchange.getRequestMethod())) {
      exchange.getResponseHeaders().set("Allow", "POST");
      return IdempotentPayments.Response.error(405, "only POST is allowed");
    }
    if (body == null) {
      return IdempotentPayments.Response.error(400, "the body is too large");
    }
    String clientId = exchange.getRequestHeaders().getFirst("X-Client-Id");
    if (clientId == null || clientId.isEmpty()) {
      return IdempotentPayments.Response.error(400, "the X-Client-Id header is required");
    }
    String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
    if (key == null || key.isEmpty()) {
      return IdempotentPayments.Response.error(400, "the Idempotency-Key header is required");
    }
    if (key.codePointCount(0, key.length()) > MAX_KEY_LENGTH) {
      return IdempotentPayments.Response.error(400,
          "the Idempotency-Key must be at most " + MAX_KEY_LENGTH + " characters");
    }
    PaymentRequest request;
    try {
      request = PaymentRequest.parse(body);
    } catch (PaymentRequest.InvalidRequest e) {
      return IdempotentPayments.Response.error(400, e.getMessage());
    }
    return payments.pay(clientId, key, request);
  }

  /** The whole request body, or null when it is larger than {@link #MAX_BODY_BYTES}. */
  private static byte[] readBody(HttpExchange exchange) throws IOException {
    try (InputStream in = exchange.getRequestBody()) {
      byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
      if (body.length > MAX_BODY_BYTES) {
        in.transferTo(OutputStream.nullOutputStream());
        return null;
      }
      return body;
    }
  }
}
