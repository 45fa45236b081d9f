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

  /** An answer other than success, with its status (and, for a 412, the item's current version). */
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

  /**
   * What the client's {@code If-Match} says: the version it saw, or (version null) a value that can never match
   * (a weak tag, a list, garbage), which is answered 412 (or 404) once the body has been checked.
   */
  private record Precondition(Long version) {
    boolean canMatch() {
      return version != null;
    }
  }

  private static final class Api {
    /** One strong entity tag holding a version in canonical decimal form. */
    private static final Pattern STRONG_VERSION_TAG = Pattern.compile("^\"(0|[1-9][0-9]{0,18})\"$");

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
        } catch (ItemNotFoundException e) {
          error(exchange, 404, e.getMessage(), null);
        } catch (VersionConflictException e) {
          error(exchange, 412, e.getMessage(), e.currentVersion());
        } catch (ConcurrentUpdateException e) {
          error(exchange, 409, e.getMessage(), null);
        } catch (Json.JsonException e) {
          error(exchange, 400, e.getMessage(), null);
        } catch (IllegalArgumentException | ArithmeticException e) {
          error(exchange, 422, e.getMessage(), null);
        } catch (RuntimeException e) {
          e.printStackTrace();
          error(exchange, 500, "internal error", null);
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
      String name = validName(requiredName(body));
      int stock = validStock(requiredStock(body));
      if (!precondition.canMatch()) {
        throw unmatchable(id);
      }
      sendItem(ex, 200, service.replace(id, precondition.version(), name, stock));
    }

    private void patch(HttpExchange ex, long id) throws IOException {
      Precondition precondition = precondition(ex);
      Map<String, Object> body = Json.parseObject(readBody(ex));
      checkBodyVersion(body, precondition);
      String name = body.get("name") == null ? null : validName(requiredName(body));
      Integer stock = body.get("stock") == null ? null : validStock(requiredStock(body));
      if (name == null && stock == null) {
        throw new IllegalArgumentException("nothing to change: give name, stock or both");
      }
      if (!precondition.canMatch()) {
        throw unmatchable(id);
      }
      sendItem(ex, 200, service.patch(id, precondition.version(), name, stock));
    }

    private void delete(HttpExchange ex, long id) throws IOException {
      Precondition precondition = precondition(ex);
      if (!precondition.canMatch()) {
        throw unmatchable(id);
      }
      service.delete(id, precondition.version());
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
     * The version the client based its write on, from {@code If-Match}: missing or {@code *} is 428; exactly one
     * strong tag {@code "<version>"} is that version; anything else can never match (strong comparison).
     */
    private static Precondition precondition(HttpExchange ex) {
      List<String> values = ex.getRequestHeaders().get("If-Match");
      if (values == null || values.isEmpty()) {
        throw new HttpError(428, "If-Match is required: send the ETag of the version you read");
      }
      if (values.size() == 1) {
        String value = values.get(0).trim();
        if (value.equals("*")) {
          throw new HttpError(428, "If-Match: * is not enough: send the ETag of the version you read");
        }
        Matcher m = STRONG_VERSION_TAG.matcher(value);
        if (m.matches()) {
          try {
            return new Precondition(Long.parseLong(m.group(1)));
          } catch (NumberFormatException e) {
            // beyond any version: can never match
          }
        }
      }
      return new Precondition(null);
    }

    /** A {@code version} in the body must be the If-Match version (else the client sends a detached copy). */
    private static void checkBodyVersion(Map<String, Object> body, Precondition precondition) {
      Object version = body.get("version");
      if (version == null || !precondition.canMatch()) {
        return;
      }
      if (!(version instanceof Long v) || v.longValue() != precondition.version().longValue()) {
        throw new HttpError(409, "the body's version " + Json.write(version) + " is not the If-Match version "
            + precondition.version());
      }
    }

    /** For an If-Match that can never match: 404 when there is no such item, else 412. */
    private RuntimeException unmatchable(long id) {
      Item current = service.find(id).orElseThrow(() -> new ItemNotFoundException(id));
      return new HttpError(412, "If-Match does not match the item's current ETag " + etag(current.version()),
          current.version());
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

    private static String validName(String name) {
      if (name.isBlank()) {
        throw new IllegalArgumentException("name must not be blank");
      }
      return name;
    }

    private static int validStock(int stock) {
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

    /** The strong ETag of a version: the version in double quotes. */
    private static String etag(long version) {
      return "\"" + version + "\"";
    }

    private static void sendItem(HttpExchange ex, int status, Item item) throws IOException {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("id", item.id());
      body.put("name", item.name());
      body.put("stock", item.stock());
      body.put("version", item.version());
      send(ex, status, etag(item.version()), body);
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
