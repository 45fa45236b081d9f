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

/** The HTTP API over {@link InventoryService}, on the JDK's built-in HTTP server. */
public final class InventoryServer implements AutoCloseable {

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
    Endpoints endpoints = new Endpoints(service);
    server.createContext("/items", endpoints::serve);
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

  /** A response that is not a success. */
  private static final class Refusal extends RuntimeException {
    final int status;
    final Map<String, Object> extra;

    Refusal(int status, String message) {
      this(status, message, Map.of());
    }

    Refusal(int status, String message, Map<String, Object> extra) {
      super(message);
      this.status = status;
      this.extra = extra;
    }
  }

  /** What one successful request answers. */
  private record Reply(int status, Item item, Object body, String location) {
    static Reply item(int status, Item item) {
      return new Reply(status, item, null, null);
    }
  }

  private static final class Endpoints {
    private final InventoryService service;

    Endpoints(InventoryService service) {
      this.service = service;
    }

    void serve(HttpExchange ex) throws IOException {
      try (ex) {
        Reply reply;
        try {
          reply = dispatch(ex);
        } catch (RuntimeException e) {
          fail(ex, e);
          return;
        }
        if (reply.status() == 204) {
          ex.sendResponseHeaders(204, -1);
        } else if (reply.item() != null) {
          Item item = reply.item();
          if (reply.location() != null) {
            ex.getResponseHeaders().set("Location", reply.location());
          }
          ex.getResponseHeaders().set("ETag", IfMatch.etagOf(item.version()));
          Map<String, Object> json = new LinkedHashMap<>();
          json.put("id", item.id());
          json.put("name", item.name());
          json.put("stock", item.stock());
          json.put("version", item.version());
          write(ex, reply.status(), json);
        } else {
          write(ex, reply.status(), reply.body());
        }
      }
    }

    private Reply dispatch(HttpExchange ex) throws IOException {
      String method = ex.getRequestMethod();
      String[] parts = ex.getRequestURI().getPath().split("/", -1);
      // "/items" -> ["", "items"]; "/items/7" -> ["", "items", "7"]; "/items/7/adjustments" -> [..., "adjustments"]
      if (parts.length == 2 && parts[1].equals("items")) {
        only(method, "POST");
        return createItem(ex);
      }
      if (parts.length == 3 && parts[2].equals("restock")) {
        only(method, "POST");
        return restock(ex);
      }
      if (parts.length == 3 && isId(parts[2])) {
        long id = Long.parseLong(parts[2]);
        return switch (method) {
          case "GET" -> Reply.item(200, service.find(id).orElseThrow(() -> new ItemNotFoundException(id)));
          case "PUT" -> replace(ex, id);
          case "PATCH" -> patch(ex, id);
          case "DELETE" -> delete(ex, id);
          default -> throw new Refusal(405, "use GET, PUT, PATCH or DELETE");
        };
      }
      if (parts.length == 4 && isId(parts[2]) && parts[3].equals("adjustments")) {
        only(method, "POST");
        long id = Long.parseLong(parts[2]);
        Map<String, Object> body = jsonBody(ex);
        return Reply.item(200, service.incrementStock(id, integer(body, "delta")));
      }
      throw new Refusal(404, "no such resource");
    }

    private Reply createItem(HttpExchange ex) throws IOException {
      Map<String, Object> body = jsonBody(ex);
      Item item = service.create(name(body), stock(body));
      return new Reply(201, item, null, "/items/" + item.id());
    }

    private Reply replace(HttpExchange ex, long id) throws IOException {
      IfMatch precondition = precondition(ex);
      Map<String, Object> body = jsonBody(ex);
      detachedCopyCheck(body, precondition);
      String name = name(body);
      int stock = stock(body);
      long expected = matchableVersion(precondition, id);
      return Reply.item(200, service.replace(id, expected, name, stock));
    }

    private Reply patch(HttpExchange ex, long id) throws IOException {
      IfMatch precondition = precondition(ex);
      Map<String, Object> body = jsonBody(ex);
      detachedCopyCheck(body, precondition);
      String name = body.get("name") != null ? name(body) : null;
      Integer stock = body.get("stock") != null ? stock(body) : null;
      if (name == null && stock == null) {
        throw new IllegalArgumentException("a patch needs a name, a stock or both");
      }
      long expected = matchableVersion(precondition, id);
      return Reply.item(200, service.patch(id, expected, name, stock));
    }

    private Reply delete(HttpExchange ex, long id) {
      IfMatch precondition = precondition(ex);
      service.delete(id, matchableVersion(precondition, id));
      return new Reply(204, null, null, null);
    }

    private Reply restock(HttpExchange ex) throws IOException {
      Map<String, Object> body = jsonBody(ex);
      Object rawIds = body.get("ids");
      if (!(rawIds instanceof List<?> list)) {
        throw new IllegalArgumentException("ids must be a list of item ids");
      }
      List<Long> ids = new ArrayList<>(list.size());
      for (Object each : list) {
        if (each instanceof Long id) {
          ids.add(id);
        } else {
          throw new IllegalArgumentException("ids must be a list of item ids");
        }
      }
      int updated = service.restock(ids, integer(body, "amount"));
      return new Reply(200, null, Map.of("updated", updated), null);
    }

    private static IfMatch precondition(HttpExchange ex) {
      IfMatch ifMatch = IfMatch.of(ex.getRequestHeaders().get("If-Match"));
      if (ifMatch.kind() == IfMatch.Kind.ABSENT) {
        throw new Refusal(428, "send If-Match with the ETag of the item you read (not *)");
      }
      return ifMatch;
    }

    private static void detachedCopyCheck(Map<String, Object> body, IfMatch precondition) {
      if (!body.containsKey("version") || body.get("version") == null
          || precondition.kind() != IfMatch.Kind.VERSION) {
        return;
      }
      Object bodyVersion = body.get("version");
      boolean same = bodyVersion instanceof Long v && v == precondition.version();
      if (!same) {
        throw new Refusal(409, "the body is a copy of version " + bodyVersion
            + " but If-Match says " + precondition.version());
      }
    }

    /** The version to write against; an If-Match that matches nothing is 404 or 412 depending on the row. */
    private long matchableVersion(IfMatch precondition, long id) {
      if (precondition.kind() == IfMatch.Kind.VERSION) {
        return precondition.version();
      }
      Item current = service.find(id).orElseThrow(() -> new ItemNotFoundException(id));
      throw new Refusal(412, "If-Match does not match the current ETag " + IfMatch.etagOf(current.version()),
          Map.of("currentVersion", current.version()));
    }

    private static boolean isId(String segment) {
      if (segment.isEmpty() || segment.length() > 18) {
        return false;
      }
      for (int i = 0; i < segment.length(); i++) {
        if (!Character.isDigit(segment.charAt(i)) || segment.charAt(i) > '9') {
          return false;
        }
      }
      return true;
    }

    private static void only(String method, String allowed) {
      if (!method.equals(allowed)) {
        throw new Refusal(405, "use " + allowed);
      }
    }

    private static Map<String, Object> jsonBody(HttpExchange ex) throws IOException {
      try (InputStream in = ex.getRequestBody()) {
        return Json.parseObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
    }

    private static String name(Map<String, Object> body) {
      if (body.get("name") instanceof String s && !s.isBlank()) {
        return s;
      }
      throw new IllegalArgumentException("name must be a non-blank string");
    }

    private static int stock(Map<String, Object> body) {
      int stock = integer(body, "stock");
      if (stock < 0) {
        throw new IllegalArgumentException("stock must not be negative");
      }
      return stock;
    }

    private static int integer(Map<String, Object> body, String field) {
      if (body.get(field) instanceof Long n && n >= Integer.MIN_VALUE && n <= Integer.MAX_VALUE) {
        return n.intValue();
      }
      throw new IllegalArgumentException(field + " must be a whole number");
    }

    private static void fail(HttpExchange ex, RuntimeException e) throws IOException {
      int status;
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("error", e.getMessage() == null ? "" : e.getMessage());
      if (e instanceof Refusal r) {
        status = r.status;
        json.putAll(r.extra);
      } else if (e instanceof VersionConflictException v) {
        status = 412;
        json.put("currentVersion", v.currentVersion());
      } else if (e instanceof ConcurrentUpdateException) {
        status = 409;
      } else if (e instanceof ItemNotFoundException) {
        status = 404;
      } else if (e instanceof Json.JsonException) {
        status = 400;
      } else if (e instanceof IllegalArgumentException || e instanceof ArithmeticException) {
        status = 422;
      } else {
        e.printStackTrace();
        status = 500;
        json.put("error", "internal error");
      }
      write(ex, status, json);
    }

    private static void write(HttpExchange ex, int status, Object body) throws IOException {
      byte[] bytes = Json.write(body).getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().set("Content-Type", "application/json");
      ex.sendResponseHeaders(status, bytes.length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(bytes);
      }
    }
  }
}
