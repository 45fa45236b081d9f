package com.acme.ratelimit.hidden;

import static com.acme.ratelimit.hidden.Limits.between;
import static com.acme.ratelimit.hidden.Limits.describe;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.acme.ratelimit.RateLimitFilter;
import com.acme.ratelimit.TokenBucketRateLimiter;
import com.sun.net.httpserver.HttpServer;
import dev.grader.support.Seeds;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The filter in front of the JDK's built-in HTTP server: 200/429, Retry-After, RateLimit headers. */
@Tag("http")
class HttpTest {

  static {
    // The JDK server writes a response's headers and body in separate packets; without TCP_NODELAY each
    // response waits ~40 ms for the client's delayed ACK (Nagle). Read once, when the first server starts.
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  private static final long SECOND = 1_000_000_000L;
  private static final HttpClient CLIENT = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(3))
      .build();

  private final AtomicInteger handlerCalls = new AtomicInteger();
  private HttpServer server;

  @AfterEach
  void stopServer() {
    if (server != null) {
      server.stop(0);
    }
  }

  /** Starts a server whose handler answers 200 "ok", behind the filter keyed on X-Client-Id. */
  private void start(TokenBucketRateLimiter limiter) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    var context = server.createContext("/", exchange -> {
      handlerCalls.incrementAndGet();
      byte[] body = "ok".getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    context.getFilters().add(new RateLimitFilter(limiter,
        exchange -> exchange.getRequestHeaders().getFirst("X-Client-Id")));
    server.start();
  }

  private HttpResponse<String> get(String client) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/api/orders"))
        .header("X-Client-Id", client)
        .timeout(Duration.ofSeconds(5))
        .build();
    return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static String header(HttpResponse<?> response, String name) {
    return response.headers().firstValue(name).orElse("(missing)");
  }

  private static long ceilSeconds(long nanos) {
    return (nanos + SECOND - 1) / SECOND;
  }

  private static String policy(Limits limits) {
    return "default;q=" + limits.capacity() + ";w=" + ceilSeconds(limits.fullRefillNanos());
  }

  @Test
  void headersOfAVeryLongRefillAreRoundedUpExactly() throws Exception {
    Random random = Seeds.random("http.long-refill");
    // One nanosecond past a whole number of seconds, at a size a double cannot hold exactly (within the brief's
    // capacity x refillPeriod below 2^62): rounding up in doubles loses the nanosecond.
    long period = between(random, 10_000_000, 100_000_000) * SECOND + 1;
    Limits limits = new Limits(between(random, 2, 4), 1, period);
    ManualClock clock = ManualClock.randomStart(random);
    start(limits.create(clock));
    HttpResponse<String> response = get("client-" + random.nextInt(1_000_000));
    assertEquals(200, response.statusCode(), "a new client's first request (" + limits + ")");
    assertEquals(policy(limits), header(response, "RateLimit-Policy"), "RateLimit-Policy for " + limits
        + ": w = the full-refill time " + limits.fullRefillNanos() + " ns in seconds, rounded up (exactly)");
    assertEquals("default;r=" + (limits.capacity() - 1) + ";t=" + ceilSeconds(period), header(response, "RateLimit"),
        "RateLimit after one request (" + limits + "): t = " + period + " ns until full, in seconds, rounded up"
            + " (exactly)");
  }

  @Test
  void allowedResponsesCarryTheRateLimitHeaders() throws Exception {
    Random random = Seeds.random("http.allowed");
    long refill = between(random, 1, 3);
    Limits limits = new Limits(between(random, 3 * refill, 20), refill,
        between(random, 500, 3_000) * 1_000_000L + between(random, 1, 999_999));
    ManualClock clock = ManualClock.randomStart(random);
    start(limits.create(clock));
    String client = "client-" + random.nextInt(1_000_000);

    long requests = between(random, 1, limits.capacity());
    for (long i = 1; i <= requests; i++) {
      HttpResponse<String> response = get(client);
      assertEquals(200, response.statusCode(), "request " + i + " of " + limits.capacity() + " allowed");
      assertEquals("ok", response.body(), "request " + i + ": the handler's body");
      assertEquals(policy(limits), header(response, "RateLimit-Policy"), String.format("RateLimit-Policy "
          + "on an allowed response (%s): q = capacity, w = seconds to refill all of it (%s), rounded up",
          limits, describe(limits.fullRefillNanos())));
      long reset = limits.nanosFor(i);
      assertEquals("default;r=" + (limits.capacity() - i) + ";t=" + ceilSeconds(reset),
          header(response, "RateLimit"), String.format("RateLimit on allowed request %d (%s, frozen "
              + "clock): r = tokens left, t = seconds until full (%s), rounded up", i, limits,
              describe(reset)));
    }
    assertEquals(requests, handlerCalls.get(), "handler calls for " + requests + " allowed requests");
  }

  @Test
  void requestsOverTheLimitGet429WithRetryAfterRoundedUp() throws Exception {
    Random random = Seeds.random("http.retry-after");
    // periods of a minute to two hours: a Retry-After of minutes and hours keeps its minutes
    long period = between(random, 62_000, 7_200_000) * 1_000_000L + between(random, 1, 999_999);
    Limits limits = new Limits(between(random, 1, 5), 1, period);
    ManualClock clock = ManualClock.randomStart(random);
    start(limits.create(clock));
    String client = "client-" + random.nextInt(1_000_000);
    long drainedAt = clock.now();
    for (long i = 1; i <= limits.capacity(); i++) {
      assertEquals(200, get(client).statusCode(), "request " + i + " of " + limits.capacity() + " allowed");
    }

    long[] waits = {between(random, 2 * SECOND + 1, period), 60 * SECOND + between(random, 1, SECOND), 2 * SECOND,
        1_200_000_000L, between(random, 1, 2 * SECOND - 1), 300_000_000L, 1};
    Arrays.sort(waits); // the clock only moves forward: longest wait first
    for (int w = waits.length - 1; w >= 0; w--) {
      long wait = waits[w];
      clock.set(drainedAt + period - wait);
      HttpResponse<String> response = get(client);
      assertEquals(429, response.statusCode(), String.format("status with the bucket empty and the next "
          + "token %s away (%s)", describe(wait), limits));
      long expected = Math.max(1, ceilSeconds(wait));
      assertEquals(String.valueOf(expected), header(response, "Retry-After"), String.format("Retry-After "
          + "when the next token is %s away: whole seconds rounded up, never 0", describe(wait)));
    }
    clock.set(drainedAt + period);
    assertEquals(200, get(client).statusCode(), "status once the next token has arrived");
  }

  @Test
  void rejectedResponsesCarryTheRateLimitHeaders() throws Exception {
    Random random = Seeds.random("http.rejected-headers");
    // One token per period of j seconds and g nanoseconds, so a full refill takes c*j seconds and c*g
    // nanoseconds. The wait (more than c*g ns, less than one period) moves the reset below a whole
    // second: the exact answer differs from one that forgot the time waited, on every seed alike.
    long capacity = between(random, 2, 10);
    long g = between(random, 1, 999);
    Limits limits = new Limits(capacity, 1, between(random, 1, 3) * 1_000_000_000L + g);
    ManualClock clock = ManualClock.randomStart(random);
    start(limits.create(clock));
    String client = "client-" + random.nextInt(1_000_000);
    for (long i = 1; i <= limits.capacity(); i++) {
      assertEquals(200, get(client).statusCode(), "request " + i + " of " + limits.capacity() + " allowed");
    }
    long waited = between(random, capacity * g + 1, limits.nanosFor(1) - 1);
    clock.advance(waited);

    HttpResponse<String> response = get(client);
    assertEquals(429, response.statusCode(), "status with the bucket empty (" + limits + ")");
    assertEquals(policy(limits), header(response, "RateLimit-Policy"), "RateLimit-Policy on a 429 response ("
        + limits + ")");
    long reset = limits.fullRefillNanos() - waited;
    assertEquals("default;r=0;t=" + ceilSeconds(reset), header(response, "RateLimit"), String.format(
        "RateLimit on a 429 response %s after draining (%s): r = 0 tokens left, t = seconds until full "
            + "(%s), rounded up", describe(waited), limits, describe(reset)));
  }

  @Test
  void theHandlerIsNotCalledForRejectedRequests() throws Exception {
    Random random = Seeds.random("http.handler");
    Limits limits = Limits.random(random, 1, 5, 1, 1, 1_000, 60_000);
    ManualClock clock = ManualClock.randomStart(random);
    start(limits.create(clock));
    String client = "client-" + random.nextInt(1_000_000);
    long extra = between(random, 2, 5);
    int ok = 0;
    int limited = 0;
    for (long i = 0; i < limits.capacity() + extra; i++) {
      HttpResponse<String> response = get(client);
      int status = response.statusCode();
      if (status == 200) {
        ok++;
      } else if (status == 429) {
        limited++;
        // sendResponseHeaders(429, -1): Content-length 0; with 0 the JDK's server would send an empty chunked body
        assertTrue(response.body().isEmpty() && response.headers().firstValue("Transfer-Encoding").isEmpty(),
            "a 429 has no body (sendResponseHeaders(429, -1)); it came with "
                + response.headers().firstValue("Transfer-Encoding").map(t -> "Transfer-Encoding: " + t + " and ")
                    .orElse("")
                + response.body().length() + " bytes of body");
      }
    }
    assertEquals(limits.capacity(), ok, String.format("200 responses out of %d requests on a frozen clock "
        + "(%s)", limits.capacity() + extra, limits));
    assertEquals(extra, limited, String.format("429 responses out of %d requests on a frozen clock (%s)",
        limits.capacity() + extra, limits));
    assertEquals(limits.capacity(), handlerCalls.get(), String.format("the handler ran %d times for %d "
        + "allowed and %d rejected requests: a rejected request must not reach the handler",
        handlerCalls.get(), ok, limited));
  }

  @Test
  void eachClientHasItsOwnLimit() throws Exception {
    Random random = Seeds.random("http.clients");
    Limits limits = Limits.random(random, 1, 5, 1, 1, 1_000, 60_000);
    ManualClock clock = ManualClock.randomStart(random);
    start(limits.create(clock));
    String[] clients = new String[(int) between(random, 2, 4)];
    for (int c = 0; c < clients.length; c++) {
      clients[c] = "tenant-" + c + "-" + random.nextInt(1_000_000);
    }
    for (String client : clients) {
      for (long i = 1; i <= limits.capacity(); i++) {
        HttpResponse<String> response = get(client);
        assertEquals(200, response.statusCode(), String.format("request %d of client %s (capacity %d "
            + "per client; other clients used theirs before)", i, client, limits.capacity()));
        assertEquals("default;r=" + (limits.capacity() - i) + ";t=" + ceilSeconds(limits.nanosFor(i)),
            header(response, "RateLimit"), "RateLimit for request " + i + " of client " + client);
      }
      assertEquals(429, get(client).statusCode(), "request " + (limits.capacity() + 1) + " of client "
          + client + " (capacity " + limits.capacity() + ")");
    }
  }
}
