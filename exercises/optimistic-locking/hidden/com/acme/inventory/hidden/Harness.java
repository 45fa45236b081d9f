package com.acme.inventory.hidden;

import com.acme.inventory.InventoryServer;
import com.acme.inventory.InventoryService;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;

/** The code under test (service over a {@link JdbcSpy}'d DataSource, HTTP server on a loopback port) and a client. */
final class Harness implements AutoCloseable {

  static {
    // The JDK's HTTP server writes a response's headers and body in separate packets; without TCP_NODELAY each
    // response waits ~40 ms for the client's delayed ACK (Nagle). Read once, when the first server starts.
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

  private static final HttpClient CLIENT = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5))
      .build();

  final JdbcSpy spy;
  final InventoryService service;
  private final InventoryServer server;
  private final String base;

  private Harness(JdbcSpy spy, InventoryService service, InventoryServer server) {
    this.spy = spy;
    this.service = service;
    this.server = server;
    this.base = "http://" + InetAddress.getLoopbackAddress().getHostAddress() + ":" + server.port();
  }

  static Harness start() {
    return start(InventoryService.DEFAULT_MAX_ATTEMPTS);
  }

  static Harness start(int maxAttempts) {
    JdbcSpy spy = new JdbcSpy(Db.raw());
    InventoryService service = new InventoryService(spy.dataSource(), maxAttempts);
    try {
      InventoryServer server = InventoryServer.start(service,
          new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      return new Harness(spy, service, server);
    } catch (IOException e) {
      throw new IllegalStateException("InventoryServer.start failed: " + e, e);
    }
  }

  @Override
  public void close() {
    spy.onWrite(null);
    server.close();
  }

  /** An HTTP answer. */
  record Response(String request, int status, String etag, String body, String location, String contentType) {

    Response(String request, int status, String etag, String body) {
      this(request, status, etag, body, null, null);
    }

    /** The body as a JSON object (empty when it is none). */
    Map<String, Object> json() {
      try {
        return TestJson.parseObject(body);
      } catch (RuntimeException e) {
        return Map.of();
      }
    }

    Long version() {
      return json().get("version") instanceof Long v ? v : null;
    }

    String describe() {
      String shown = body == null || body.isEmpty() ? "no body" : body.length() > 200 ? body.substring(0, 200) + "..." : body;
      return status + (etag == null ? "" : " ETag " + etag) + " (" + shown + ")";
    }
  }

  Response get(long id) {
    return send("GET /items/" + id, request("/items/" + id).GET(), REQUEST_TIMEOUT);
  }

  Response put(long id, String ifMatch, String json) {
    return send("PUT /items/" + id + ifMatchText(ifMatch) + " " + json,
        withIfMatch(request("/items/" + id), ifMatch).PUT(HttpRequest.BodyPublishers.ofString(json)), REQUEST_TIMEOUT);
  }

  Response put(long id, String ifMatch, String json, Duration timeout) {
    return send("PUT /items/" + id + ifMatchText(ifMatch) + " " + json,
        withIfMatch(request("/items/" + id), ifMatch).PUT(HttpRequest.BodyPublishers.ofString(json)), timeout);
  }

  Response patch(long id, String ifMatch, String json) {
    return send("PATCH /items/" + id + ifMatchText(ifMatch) + " " + json,
        withIfMatch(request("/items/" + id), ifMatch).method("PATCH", HttpRequest.BodyPublishers.ofString(json)),
        REQUEST_TIMEOUT);
  }

  Response delete(long id, String ifMatch) {
    return send("DELETE /items/" + id + ifMatchText(ifMatch), withIfMatch(request("/items/" + id), ifMatch).DELETE(),
        REQUEST_TIMEOUT);
  }

  Response post(String path, String json) {
    return send("POST " + path + " " + json, request(path).POST(HttpRequest.BodyPublishers.ofString(json)),
        REQUEST_TIMEOUT);
  }

  /** Any method on any path, with a JSON body (no If-Match). */
  Response send(String method, String path, String json) {
    return send(method + " " + path + " " + json,
        request(path).method(method, HttpRequest.BodyPublishers.ofString(json)), REQUEST_TIMEOUT);
  }

  /** JSON for PUT: {"name":..,"stock":..}. */
  static String body(String name, int stock) {
    return "{\"name\":" + TestJson.quote(name) + ",\"stock\":" + stock + "}";
  }

  /** JSON for PUT with a version field, as a client sending back what it read would. */
  static String body(String name, int stock, long version) {
    return "{\"name\":" + TestJson.quote(name) + ",\"stock\":" + stock + ",\"version\":" + version + "}";
  }

  static String etag(long version) {
    return "\"" + version + "\"";
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json");
  }

  private static HttpRequest.Builder withIfMatch(HttpRequest.Builder b, String ifMatch) {
    return ifMatch == null ? b : b.header("If-Match", ifMatch);
  }

  private static String ifMatchText(String ifMatch) {
    return ifMatch == null ? " (no If-Match)" : " with If-Match: " + ifMatch;
  }

  /** Sends; a request that gets no answer in time gives status -1 (the tests say what that means). */
  private Response send(String description, HttpRequest.Builder b, Duration timeout) {
    try {
      HttpResponse<String> r = CLIENT.send(b.timeout(timeout).build(), HttpResponse.BodyHandlers.ofString());
      return new Response(description, r.statusCode(), r.headers().firstValue("ETag").orElse(null), r.body(),
          r.headers().firstValue("Location").orElse(null), r.headers().firstValue("Content-Type").orElse(null));
    } catch (HttpTimeoutException e) {
      return new Response(description, -1, null, "no answer within " + timeout.toMillis() + " ms");
    } catch (IOException e) {
      throw new IllegalStateException(description + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(description + " was interrupted", e);
    }
  }
}
