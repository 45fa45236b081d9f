package com.acme.payments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * {@code POST /payments}: charges through the payment provider, safe to retry with an Idempotency-Key.
 * See README.md. Keep the signatures of {@link #start}, {@link #port}, {@link #baseUri} and {@link #close}.
 */
public final class PaymentService implements AutoCloseable {

  private final HttpServer server;
  private final ExecutorService executor;
  private final KeyLedger ledger;
  private final Clock clock;
  private final Duration providerTimeout;
  private final URI charges;
  private final HttpClient http;
  private final ObjectMapper mapper = new ObjectMapper();

  private PaymentService(HttpServer server, ExecutorService executor, KeyLedger ledger, Clock clock,
      Duration providerTimeout, URI providerBaseUrl) {
    this.server = server;
    this.executor = executor;
    this.ledger = ledger;
    this.clock = clock;
    this.providerTimeout = providerTimeout;
    String base = providerBaseUrl.toString();
    this.charges = URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/charges");
    this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(providerTimeout).build();
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
    KeyLedger ledger = new KeyLedger(dataSource);
    ledger.createTable();
    HttpServer server = HttpServer.create(address, 0);
    AtomicInteger threads = new AtomicInteger();
    ExecutorService executor = Executors.newFixedThreadPool(32, r -> {
      Thread t = new Thread(r, "payments-http-" + threads.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(executor); // requests are handled concurrently, up to 32 at once
    PaymentService service = new PaymentService(server, executor, ledger, clock, providerTimeout, providerBaseUrl);
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
      int status;
      byte[] body;
      try {
        Object[] answer = answer(exchange);
        status = (Integer) answer[0];
        body = (byte[]) answer[1];
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        status = 503;
        body = error("interrupted");
      } catch (Exception e) {
        status = 500;
        body = error("internal error");
      }
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(status, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  private Object[] answer(HttpExchange exchange) throws Exception {
    if (!"/payments".equals(exchange.getRequestURI().getPath())) {
      return reply(404, error("not found"));
    }
    if (!"POST".equals(exchange.getRequestMethod())) {
      return reply(405, error("use POST"));
    }
    byte[] raw = exchange.getRequestBody().readAllBytes();
    String client = exchange.getRequestHeaders().getFirst("X-Client-Id");
    if (client == null || client.isBlank()) {
      return reply(400, error("X-Client-Id is required"));
    }
    String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
    if (key == null || key.isEmpty() || key.length() > 255) {
      return reply(400, error("Idempotency-Key must have 1 to 255 characters"));
    }
    ChargeRequest req;
    try {
      req = ChargeRequest.parse(mapper.getFactory(), raw);
    } catch (ChargeRequest.Invalid e) {
      return reply(400, error(e.getMessage()));
    }
    Instant now = clock.instant();
    for (int attempt = 0; attempt < 5; attempt++) {
      String providerKey = ledger.take(client, key, req, now);
      if (providerKey != null) {
        return charge(client, key, req, providerKey);
      }
      KeyLedger.Seen seen = ledger.look(client, key, req, now);
      if (seen == null || seen.expired()) {
        continue; // changed under us: try to take it again
      }
      if (!seen.samePayload()) {
        return reply(422, error("this Idempotency-Key was used with another payload"));
      }
      if (seen.paymentId() != null) {
        return reply(201, render(ledger.payment(seen.paymentId())));
      }
      if (seen.busy()) {
        return reply(409, error("a request with this Idempotency-Key is in progress"));
      }
      // freed between the two statements: take it again
    }
    return reply(409, error("a request with this Idempotency-Key is in progress"));
  }

  private Object[] charge(String client, String key, ChargeRequest req, String providerKey) throws Exception {
    boolean done = false;
    try {
      Map<String, Object> send = new LinkedHashMap<>();
      send.put("amount", req.amount());
      send.put("currency", req.currency());
      send.put("reference", req.reference());
      HttpRequest request = HttpRequest.newBuilder(charges)
          .timeout(providerTimeout)
          .header("Content-Type", "application/json")
          .header("Idempotency-Key", providerKey)
          .POST(HttpRequest.BodyPublishers.ofByteArray(mapper.writeValueAsBytes(send)))
          .build();
      CompletableFuture<HttpResponse<byte[]>> call = http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray());
      HttpResponse<byte[]> response;
      try {
        response = call.get(providerTimeout.toNanos(), TimeUnit.NANOSECONDS);
      } catch (TimeoutException e) {
        call.cancel(true);
        return reply(504, error("the payment provider did not answer in time"));
      } catch (ExecutionException e) {
        if (e.getCause() instanceof HttpTimeoutException) {
          return reply(504, error("the payment provider did not answer in time"));
        }
        return reply(502, error("the payment provider could not be reached"));
      } catch (InterruptedException e) {
        call.cancel(true);
        throw e;
      }
      if (response.statusCode() / 100 != 2) {
        return reply(502, error("the payment provider answered " + response.statusCode()));
      }
      String chargeId;
      try {
        JsonNode id = mapper.readTree(response.body()).path("id");
        chargeId = id.isTextual() && !id.textValue().isEmpty() ? id.textValue() : null;
      } catch (IOException | RuntimeException e) {
        chargeId = null;
      }
      if (chargeId == null) {
        return reply(502, error("the payment provider's answer has no charge id"));
      }
      String paymentId = "p-" + UUID.randomUUID();
      if (!ledger.finish(client, key, providerKey, paymentId, req, chargeId, clock.instant())) {
        return reply(500, error("the Idempotency-Key was taken over while charging"));
      }
      done = true;
      return reply(201, render(ledger.payment(paymentId)));
    } finally {
      if (!done) {
        ledger.free(client, key, providerKey);
      }
    }
  }

  /** The 201 body, always rendered from the stored row: the first answer and every replay are the same bytes. */
  private byte[] render(KeyLedger.Payment p) throws IOException {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", p.id());
    out.put("charge_id", p.chargeId());
    out.put("amount", p.amount());
    out.put("currency", p.currency());
    out.put("reference", p.reference());
    out.put("created_at", p.createdAt().truncatedTo(ChronoUnit.MICROS).toString());
    return mapper.writeValueAsBytes(out);
  }

  private byte[] error(String message) {
    try {
      return mapper.writeValueAsBytes(Map.of("error", message));
    } catch (IOException e) {
      return "{\"error\":\"internal\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  private static Object[] reply(int status, byte[] body) {
    return new Object[] {status, body};
  }
}
