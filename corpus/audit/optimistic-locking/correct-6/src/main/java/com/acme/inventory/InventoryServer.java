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
  /** One strong entity tag holding a version written the way {@link Long#toString} writes it. */
  private static final Pattern STRONG_ETAG = Pattern.compile("^\"(0|-?[1-9][0-9]{0,18})\"$");

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

  /** What an If-Match header asks for. */
  private sealed interface IfMatch {
    IfMatch NEVER = new Never();

    /** A single strong ETag naming this version. */
    record Version(long version) implements IfMatch {}

    /** Something no version can match. */
    record Never() implements IfMatch {}
  }

  /** An answer other than success, with its status. */
  private static final class HttpError extends RuntimeException {
    final int status;

    HttpError(int status, String message) {
      super(message);
      this.status = status;
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
          error(exchange, e.status, e.getMessage());
        } catch (ItemNotFoundException e) {
          error(exchange, 404, e.getMessage());
        } catch (VersionConflictException e) {
          Map<String, Object> body = new LinkedHashMap<>();
          body.put("error", e.getMessage());
          body.put("currentVersion", e.currentVersion());
          send(exchange, 412, null, body);
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
      IfMatch ifMatch = ifMatch(ex);
      Map<String, Object> body = Json.parseObject(readBody(ex));
      checkBodyVersion(body, ifMatch);
      String name = requiredName(body);
      int stock = requiredStock(body);
      validName(name);
      validStock(stock);
      if (ifMatch instanceof IfMatch.Version v) {
        sendItem(ex, 200, service.replace(id, v.version(), name, stock));
      } else {
        refuseUnmatchable(id);
      }
    }

    private void patch(HttpExchange ex, long id) throws IOException {
      IfMatch ifMatch = ifMatch(ex);
      Map<String, Object> body = Json.parseObject(readBody(ex));
      checkBodyVersion(body, ifMatch);
      String name = body.get("name") == null ? null : requiredName(body);
      Integer stock = body.get("stock") == null ? null : requiredStock(body);
      if (name == null && stock == null) {
        throw new IllegalArgumentException("nothing to change: give name, stock or both");
      }
      if (name != null) {
        validName(name);
      }
      if (stock != null) {
        validStock(stock);
      }
      if (ifMatch instanceof IfMatch.Version v) {
        sendItem(ex, 200, service.patch(id, v.version(), name, stock));
      } else {
        refuseUnmatchable(id);
      }
    }

    private void delete(HttpExchange ex, long id) throws IOException {
      IfMatch ifMatch = ifMatch(ex);
      if (ifMatch instanceof IfMatch.Version v) {
        service.delete(id, v.version());
        ex.sendResponseHeaders(204, -1);
      } else {
        refuseUnmatchable(id);
      }
    }

    /** An If-Match that can match no version at all: 404 when there is no item, else 412. */
    private void refuseUnmatchable(long id) {
      Item current = service.find(id).orElseThrow(() -> new ItemNotFoundException(id));
      throw new HttpError(412, "If-Match does not match the current ETag " + etag(current.version()));
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
     * The precondition of a write. Missing (or empty) and {@code *} are refused with 428; a single strong
     * ETag {@code "<version>"} is a version to write against; anything else (weak tags, lists, unquoted or
     * malformed values, numbers written differently from how we write them) can never match.
     */
    private static IfMatch ifMatch(HttpExchange ex) {
      List<String> values = ex.getRequestHeaders().get("If-Match");
      if (values == null || values.isEmpty()) {
        throw new HttpError(428, "this write needs If-Match with the ETag of the item you read");
      }
      if (values.size() > 1) {
        return IfMatch.NEVER;
      }
      String value = values.get(0).trim();
      if (value.isEmpty() || value.equals("*")) {
        throw new HttpError(428, "this write needs If-Match with the ETag of the item you read");
      }
      Matcher m = STRONG_ETAG.matcher(value);
      if (!m.matches()) {
        return IfMatch.NEVER;
      }
      try {
        return new IfMatch.Version(Long.parseLong(m.group(1)));
      } catch (NumberFormatException e) {
        return IfMatch.NEVER; // beyond any BIGINT version
      }
    }

    /** A {@code version} in the body is never the precondition, but it must agree with If-Match. */
    private static void checkBodyVersion(Map<String, Object> body, IfMatch ifMatch) {
      Object raw = body.get("version");
      if (raw == null) {
        return;
      }
      if (!(raw instanceof Long bodyVersion)) {
        throw new IllegalArgumentException("version must be a whole number");
      }
      if (ifMatch instanceof IfMatch.Version v && v.version() != bodyVersion) {
        throw new HttpError(409, "the body is version " + bodyVersion + " but If-Match is " + etag(v.version()));
      }
    }

    private static void validName(String name) {
      if (name.isBlank()) {
        throw new IllegalArgumentException("name must not be blank");
      }
    }

    private static void validStock(int stock) {
      if (stock < 0) {
        throw new IllegalArgumentException("stock must not be negative, was " + stock);
      }
    }

    private static String etag(long version) {
      return "\"" + version + "\"";
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

    private static void error(HttpExchange ex, int status, String message) throws IOException {
      send(ex, status, null, Map.of("error", message == null ? "" : message));
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
