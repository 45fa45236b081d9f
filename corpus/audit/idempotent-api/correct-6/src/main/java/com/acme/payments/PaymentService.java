package com.acme.payments;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * {@code POST /payments}: charges through the payment provider, safe to retry with an Idempotency-Key.
 * See README.md. Keep the signatures of {@link #start}, {@link #port}, {@link #baseUri} and {@link #close}.
 */
public final class PaymentService implements AutoCloseable {

  static final int MAX_KEY_CHARS = 255;
  private static final int MAX_BODY_BYTES = 1 << 20;

  private final HttpServer server;
  private final ExecutorService executor;
  private final ProviderClient provider;
  private final IdempotentPayments payments;

  private PaymentService(HttpServer server, ExecutorService executor, ProviderClient provider,
      IdempotentPayments payments) {
    this.server = server;
    this.executor = executor;
    this.provider = provider;
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
    KeyStore.createTables(dataSource);
    ProviderClient provider = new ProviderClient(providerBaseUrl, providerTimeout);
    IdempotentPayments payments = new IdempotentPayments(dataSource, clock, provider);
    HttpServer server = HttpServer.create(address, 0);
    AtomicInteger threads = new AtomicInteger();
    ExecutorService executor = Executors.newFixedThreadPool(32, r -> {
      Thread t = new Thread(r, "payments-http-" + threads.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(executor); // requests are handled concurrently, up to 32 at once
    PaymentService service = new PaymentService(server, executor, provider, payments);
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
    provider.close();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      Answer answer;
      try {
        answer = route(exchange);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        answer = Answer.error(503, "the service is shutting down");
      } catch (Exception e) {
        answer = Answer.error(500, "internal error");
      }
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(answer.status(), answer.body().length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(answer.body());
      }
    }
  }

  private Answer route(HttpExchange exchange) throws Exception {
    if (!"/payments".equals(exchange.getRequestURI().getPath())) {
      return Answer.error(404, "not found");
    }
    if (!"POST".equals(exchange.getRequestMethod())) {
      exchange.getResponseHeaders().set("Allow", "POST");
      return Answer.error(405, "only POST is allowed");
    }
    byte[] body = readBody(exchange.getRequestBody());

    List<String> clientIds = exchange.getRequestHeaders().get("X-Client-Id");
    if (clientIds == null || clientIds.isEmpty() || clientIds.get(0).isEmpty()) {
      return Answer.error(400, "the X-Client-Id header is required");
    }
    if (clientIds.size() > 1) {
      return Answer.error(400, "only one X-Client-Id header is allowed");
    }
    List<String> keys = exchange.getRequestHeaders().get("Idempotency-Key");
    if (keys == null || keys.isEmpty() || keys.get(0).isEmpty()) {
      return Answer.error(400, "the Idempotency-Key header is required");
    }
    if (keys.size() > 1) {
      return Answer.error(400, "only one Idempotency-Key header is allowed");
    }
    String clientId = headerText(clientIds.get(0));
    String key = headerText(keys.get(0));
    if (key.codePointCount(0, key.length()) > MAX_KEY_CHARS) {
      return Answer.error(400, "the Idempotency-Key must be at most " + MAX_KEY_CHARS + " characters");
    }
    if (body == null) {
      return Answer.error(400, "the body is too large");
    }

    PaymentRequest request;
    try {
      request = PaymentRequest.parse(body);
    } catch (PaymentRequest.Invalid e) {
      return Answer.error(400, e.getMessage());
    }
    return payments.pay(clientId, key, request);
  }

  /**
   * The JDK server hands header values over byte for byte as ISO-8859-1; a value that is valid UTF-8 is read as
   * UTF-8, so that its characters are counted (and stored) as the client sent them.
   */
  private static String headerText(String raw) {
    byte[] bytes = raw.getBytes(StandardCharsets.ISO_8859_1);
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      return raw;
    }
  }

  /** The body, or null when it is larger than we accept. */
  private static byte[] readBody(InputStream in) throws IOException {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    byte[] chunk = new byte[8192];
    boolean tooLarge = false;
    for (int n; (n = in.read(chunk)) != -1; ) {
      if (!tooLarge && buffer.size() + n <= MAX_BODY_BYTES) {
        buffer.write(chunk, 0, n);
      } else {
        tooLarge = true; // keep draining so the connection stays usable
      }
    }
    return tooLarge ? null : buffer.toByteArray();
  }
}
