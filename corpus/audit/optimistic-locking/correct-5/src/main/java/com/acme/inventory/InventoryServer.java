package com.acme.inventory;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The HTTP API over {@link InventoryService}, on the JDK's built-in HTTP server. */
public final class InventoryServer implements AutoCloseable {

  private static final Pattern ITEM = Pattern.compile("^/items/(\\d{1,18})$");
  private static final Pattern ADJUSTMENTS = Pattern.compile("^/items/(\\d{1,18})/adjustments$");
  /** A strong entity tag as this API makes them: a version in double quotes, no leading zeros. */
  private static final Pattern STRONG_VERSION_TAG = Pattern.compile("^\"(0|[1-9][0-9]{0,18})\"$");

  private final HttpServer server;
  private final ExecutorService executor;

  private InventoryServer(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /** Starts the API on {@code address} (port 0: any free port). */
  public static InventoryServer start(InventoryService service, InetSocketAddress address) throws IOException {
    HttpServer server = HttpServer.create(address, 0);
    AtomicInteger threads = new AtomicInteger();
    ExecutorService executor = Executors.newFixedThreadPool(16, r -> {
      Thread t = new Thread(r, "inventory-http-" + threads.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(executor);
    Api api = new Api(service);
    server.createContext("/items", api::handle);
    server.start();
    return new InventoryServer(server, executor);
  }

  /** The port the server listens on. */
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

  /** An answer other than success, with its status. */
  private static final class HttpError extends RuntimeException {
    final int status;
    final Map<String, Object> details;

    HttpError(int status, String message) {
      this(status, message, Map.of());
    }

    HttpError(int status, String message, Map<String, Object> details) {
      super(message);
      this.status = status;
      this.details = details;
    }
  }

  /**
   * What the client's {@code If-Match} says. {@code version} is null when the header is present but can never
   * match (a weak tag, a list, garbage): the answer is then 412 (or 404 when there is no such item).
   */
  private record Precondition(Long version) {}

  private static final class Api {
    private final InventoryService service;

    Api(InventoryService service) {
      this.service = service;
    }

    void handle(HttpExchange exchange) throws IOException {
      try (exchange) {
        try {
          route(exchange);
        } catch (HttpError e) {
          error(exchange, e.status, e.getMessage(), e.details);
        } catch (ItemNotFoundException e) {
          error(exchange, 404, e.getMessage());
        } catch (VersionConflictException e) {
          error(exchange, 412, e.getMessage(), Map.of("currentVersion", e.currentVersion()));
        } catch (ConcurrentUpdateException e) {
          error(exchange, 409, e.getMessage());
        } catch (Json.JsonException e) {
          error(exchange, 400, e.getMessage());
        } catch (IllegalArgumentException | ArithmeticException e) {
          error(exchange, 422, e.getMessage());
        } catch (RuntimeException e) {
          e.printStackTrace();
          error(exchange, 500, "internal error");
        }
      }
    }

    private void route(HttpExchange ex) throws IOException {
      String path = ex.getRequestURI().getPath();
      String method = ex.getRequestMethod();
      Matcher item = ITEM.matcher(path);
      Matcher adjustments = ADJUSTMENTS.matcher(path);
      if (path.equals("/items")) {
        requireMethod(method, "POST");
        create(ex);
      } else if (path.equals("/items/restock")) {
        requireMethod(method, "POST");
        restock(ex);
      } else if (item.matches()) {
        long id = Long.parseLong(item.group(1));
        switch (method) {
          case "GET" -> get(ex, id);
          case "PUT" -> put(ex, id);
          case "PATCH" -> patch(ex, id);
          case "DELETE" -> delete(ex, id);
          default -> throw new HttpError(405, "use GET, PUT, PATCH or DELETE");
        }
      } else if (adjustments.matches()) {
        requireMethod(method, "POST");
        adjust(ex, Long.parseLong(adjustments.group(1)));
      } else {
        throw new HttpError(404, "no such resource");
      }
    }

    private void get(HttpExchange ex, long id) throws IOException {
      Item item = service.find(id).orElseThrow(() -> new ItemNotFoundException(id));
      sendItem(ex, 200, item);
    }

    private void create(HttpExchange ex) throws IOException {
      Map<String, Object> body = Json.parseObject(readBody(ex));
      Item item = service.create(requiredName(body), requiredStock(body));
      ex.getResponseHeaders().set("Location", "/items/" + item.id());
      sendItem(ex, 201, item);
    }

    private void put(HttpExchange ex, long id) throws IOException {
      Precondition precondition = precondition(ex);
      Map<String, Object> body = Json.parseObject(readBody(ex));
      checkBodyVersion(body, precondition);
      String name = requiredName(body);
      int stock = requiredStock(body);
      long expected = matchableVersion(precondition, id);
      sendItem(ex, 200, service.replace(id, expected, name, stock));
    }

    private void patch(HttpExchange ex, long id) throws IOException {
      Precondition precondition = precondition(ex);
      Map<String, Object> body = Json.parseObject(readBody(ex));
      checkBodyVersion(body, precondition);
      String name = body.get("name") == null ? null : requiredName(body);
      Integer stock = body.get("stock") == null ? null : requiredStock(body);
      if (name == null && stock == null) {
        throw new IllegalArgumentException("nothing to change: give name, stock or both");
      }
      long expected = matchableVersion(precondition, id);
      sendItem(ex, 200, service.patch(id, expected, name, stock));
    }

    private void delete(HttpExchange ex, long id) throws IOException {
      Precondition precondition = precondition(ex);
      long expected = matchableVersion(precondition, id);
      service.delete(id, expected);
      ex.sendResponseHeaders(204, -1);
    }

    private void adjust(HttpExchange ex, long id) throws IOException {
      Map<String, Object> body = Json.parseObject(readBody(ex));
      sendItem(ex, 200, service.incrementStock(id, intField(body, "delta")));
    }

    private void restock(HttpExchange ex) throws IOException {
      Map<String, Object> body = Json.parseObject(readBody(ex));
      if (!(body.get("ids") instanceof List<?> raw)) {
        throw new IllegalArgumentException("ids must be a list of item ids");
      }
      List<Long> ids = new ArrayList<>();
      for (Object o : raw) {
        if (!(o instanceof Long id)) {
          throw new IllegalArgumentException("ids must be a list of item ids");
        }
        ids.add(id);
      }
      int updated = service.restock(ids, intField(body, "amount"));
      send(ex, 200, null, Map.of("updated", updated));
    }

    /**
     * The version the client based its write on, from {@code If-Match}. Missing or {@code *}: 428. Only a single
     * strong tag {@code "<version>"} can match (strong comparison); anything else never matches.
     */
    private static Precondition precondition(HttpExchange ex) {
      List<String> values = ex.getRequestHeaders().get("If-Match");
      if (values == null || values.isEmpty()) {
        throw new HttpError(428, "If-Match is required: send the ETag of the version you read");
      }
      if (values.size() == 1 && values.get(0).trim().equals("*")) {
        throw new HttpError(428, "If-Match: * is not enough: send the ETag of the version you read");
      }
      if (values.size() != 1) {
        return new Precondition(null); // a list never matches
      }
      Matcher m = STRONG_VERSION_TAG.matcher(values.get(0).trim());
      if (!m.matches()) {
        return new Precondition(null);
      }
      try {
        return new Precondition(Long.parseLong(m.group(1)));
      } catch (NumberFormatException e) {
        return new Precondition(null); // beyond any version there can be
      }
    }

    /**
     * The body's {@code version} is never the precondition and never written; when present it must agree with the
     * {@code If-Match} version (else the client mixes an old copy with a fresh ETag, or the reverse): 409.
     */
    private static void checkBodyVersion(Map<String, Object> body, Precondition precondition) {
      Object version = body.get("version");
      if (version == null || precondition.version() == null) {
        return;
      }
      if (!(version instanceof Long v) || v.longValue() != precondition.version()) {
        throw new HttpError(409, "the body's version " + Json.write(version) + " differs from If-Match version "
            + precondition.version());
      }
    }

    /** The If-Match version; for a tag that can never match, 404 or 412 from the database. */
    private long matchableVersion(Precondition precondition, long id) {
      if (precondition.version() != null) {
        return precondition.version();
      }
      Item current = service.find(id).orElseThrow(() -> new ItemNotFoundException(id));
      throw preconditionFailed("If-Match does not match the item's ETag " + etag(current.version()),
          current.version());
    }

    private static HttpError preconditionFailed(String message, long currentVersion) {
      return new HttpError(412, message, Map.of("currentVersion", currentVersion));
    }

    private static String requiredName(Map<String, Object> body) {
      if (!(body.get("name") instanceof String name)) {
        throw new IllegalArgumentException("name must be a string");
      }
      return name;
    }

    private static int requiredStock(Map<String, Object> body) {
      return intField(body, "stock");
    }

    private static int intField(Map<String, Object> body, String field) {
      if (!(body.get(field) instanceof Long value) || value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
        throw new IllegalArgumentException(field + " must be a whole number");
      }
      return (int) (long) value;
    }

    private static void requireMethod(String method, String allowed) {
      if (!method.equals(allowed)) {
        throw new HttpError(405, "use " + allowed);
      }
    }

    private static String readBody(HttpExchange ex) throws IOException {
      try (InputStream in = ex.getRequestBody()) {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
    }

    private static void sendItem(HttpExchange ex, int status, Item item) throws IOException {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("id", item.id());
      body.put("name", item.name());
      body.put("stock", item.stock());
      body.put("version", item.version());
      send(ex, status, etag(item.version()), body);
    }

    /** The item's strong ETag: its version in double quotes. */
    private static String etag(long version) {
      return "\"" + version + "\"";
    }

    private static void error(HttpExchange ex, int status, String message) throws IOException {
      error(ex, status, message, Map.of());
    }

    private static void error(HttpExchange ex, int status, String message, Map<String, Object> details)
        throws IOException {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("error", message == null ? "" : message);
      body.putAll(details);
      send(ex, status, null, body);
    }

    private static void send(HttpExchange ex, int status, String etag, Object body) throws IOException {
      byte[] bytes = Json.write(body).getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().set("Content-Type", "application/json");
      if (etag != null) {
        ex.getResponseHeaders().set("ETag", etag);
      }
      ex.sendResponseHeaders(status, bytes.length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(bytes);
      }
    }
  }
}
