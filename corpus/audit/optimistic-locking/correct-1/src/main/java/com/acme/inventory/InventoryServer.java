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
import java.util.OptionalLong;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The HTTP API over {@link InventoryService}, on the JDK's built-in HTTP server. */
public final class InventoryServer implements AutoCloseable {

  private static final Pattern ITEM = Pattern.compile("^/items/(\\d{1,18})$");
  private static final Pattern ADJUSTMENTS = Pattern.compile("^/items/(\\d{1,18})/adjustments$");
  /** A strong entity tag as this API issues them: a version in canonical decimal, in double quotes. */
  private static final Pattern STRONG_ETAG = Pattern.compile("^\"(0|[1-9][0-9]{0,18})\"$");

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
    final Long currentVersion;

    HttpError(int status, String message) {
      this(status, message, null);
    }

    HttpError(int status, String message, Long currentVersion) {
      super(message);
      this.status = status;
      this.currentVersion = currentVersion;
    }
  }

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
          error(exchange, e.status, e.getMessage(), e.currentVersion);
        } catch (VersionConflictException e) {
          error(exchange, 412, e.getMessage(), e.currentVersion());
        } catch (ConcurrentUpdateException e) {
          error(exchange, 409, e.getMessage());
        } catch (ItemNotFoundException e) {
          error(exchange, 404, e.getMessage());
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
      OptionalLong expected = ifMatch(ex);
      Map<String, Object> body = Json.parseObject(readBody(ex));
      checkBodyVersion(body, expected);
      String name = requiredName(body);
      int stock = requiredStock(body);
      if (expected.isEmpty()) {
        throw unmatchable(id);
      }
      sendItem(ex, 200, service.replace(id, expected.getAsLong(), name, stock));
    }

    private void patch(HttpExchange ex, long id) throws IOException {
      OptionalLong expected = ifMatch(ex);
      Map<String, Object> body = Json.parseObject(readBody(ex));
      checkBodyVersion(body, expected);
      String name = body.get("name") == null ? null : requiredName(body);
      Integer stock = body.get("stock") == null ? null : requiredStock(body);
      if (name == null && stock == null) {
        throw new IllegalArgumentException("nothing to change: give name, stock or both");
      }
      if (expected.isEmpty()) {
        throw unmatchable(id);
      }
      sendItem(ex, 200, service.patch(id, expected.getAsLong(), name, stock));
    }

    private void delete(HttpExchange ex, long id) throws IOException {
      OptionalLong expected = ifMatch(ex);
      if (expected.isEmpty()) {
        throw unmatchable(id);
      }
      service.delete(id, expected.getAsLong());
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
     * The version named by {@code If-Match}. Missing or {@code *}: 428. Empty when the header can match no
     * representation (a weak tag, a list, anything but one strong tag of ours): the write must then get 412.
     */
    private static OptionalLong ifMatch(HttpExchange ex) {
      List<String> values = ex.getRequestHeaders().get("If-Match");
      if (values == null || values.isEmpty()) {
        throw new HttpError(428, "this write needs If-Match with the item's current ETag");
      }
      if (values.size() > 1) {
        return OptionalLong.empty();
      }
      String value = values.get(0).trim();
      if (value.equals("*")) {
        throw new HttpError(428, "If-Match: * is not accepted: send the item's current ETag");
      }
      Matcher m = STRONG_ETAG.matcher(value);
      if (!m.matches()) {
        return OptionalLong.empty();
      }
      try {
        return OptionalLong.of(Long.parseLong(m.group(1)));
      } catch (NumberFormatException e) {
        return OptionalLong.empty();
      }
    }

    /** A body that carries a version other than the one in If-Match is a detached copy: 409. */
    private static void checkBodyVersion(Map<String, Object> body, OptionalLong expected) {
      Object version = body.get("version");
      if (version == null || expected.isEmpty()) {
        return;
      }
      if (!(version instanceof Long v) || v != expected.getAsLong()) {
        throw new HttpError(409, "the body's version " + Json.write(version)
            + " is not the version in If-Match (" + expected.getAsLong() + ")");
      }
    }

    /** An If-Match that names no version of ours: 404 when there is no item, else 412. */
    private HttpError unmatchable(long id) {
      Item current = service.find(id).orElseThrow(() -> new ItemNotFoundException(id));
      return new HttpError(412, "If-Match does not match the item's current ETag", current.version());
    }

    private static String requiredName(Map<String, Object> body) {
      if (!(body.get("name") instanceof String name) || name.isBlank()) {
        throw new IllegalArgumentException("name must be a non-blank string");
      }
      return name;
    }

    private static int requiredStock(Map<String, Object> body) {
      int stock = intField(body, "stock");
      if (stock < 0) {
        throw new IllegalArgumentException("stock must not be negative, was " + stock);
      }
      return stock;
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

    /** The strong ETag of a representation: its row version in double quotes. */
    private static String etag(long version) {
      return "\"" + version + "\"";
    }

    private static void error(HttpExchange ex, int status, String message) throws IOException {
      error(ex, status, message, null);
    }

    private static void error(HttpExchange ex, int status, String message, Long currentVersion) throws IOException {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("error", message == null ? "" : message);
      if (currentVersion != null) {
        body.put("currentVersion", currentVersion);
      }
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
