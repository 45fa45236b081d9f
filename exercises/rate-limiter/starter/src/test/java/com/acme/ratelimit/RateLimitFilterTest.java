package com.acme.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The filter in front of a real (JDK built-in) HTTP server. */
class RateLimitFilterTest {

  private final TokenBucketRateLimiterTest.ManualClock clock = new TokenBucketRateLimiterTest.ManualClock();
  private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private HttpServer server;

  @BeforeEach
  void start() throws Exception {
    // 2 requests, then 1 more every 10 seconds
    var limiter = new TokenBucketRateLimiter(2, 1, Duration.ofSeconds(10), clock);
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    var context = server.createContext("/", exchange -> {
      byte[] body = "hello".getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    context.getFilters().add(new RateLimitFilter(limiter,
        exchange -> exchange.getRequestHeaders().getFirst("X-Client-Id")));
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private HttpResponse<String> get(String clientId) throws Exception {
    var request = HttpRequest.newBuilder(
            URI.create("http://localhost:" + server.getAddress().getPort() + "/hello"))
        .header("X-Client-Id", clientId)
        .build();
    return client.send(request, HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void requestsOverTheLimitGet429() throws Exception {
    assertEquals(200, get("alice").statusCode(), "1st request");
    assertEquals(200, get("alice").statusCode(), "2nd request");

    clock.advance(Duration.ofMillis(2500)); // the next token is 7.5 s away
    HttpResponse<String> third = get("alice");
    assertEquals(429, third.statusCode(), "3rd request within 10 s");
    assertEquals("8", third.headers().firstValue("Retry-After").orElse(null),
        "Retry-After: 7.5 s rounded up to whole seconds");
  }

  @Test
  void allowedResponsesDescribeTheLimit() throws Exception {
    HttpResponse<String> first = get("bob");
    assertEquals(200, first.statusCode(), "1st request");
    assertEquals("hello", first.body(), "the handler's body");
    assertEquals("default;q=2;w=20", first.headers().firstValue("RateLimit-Policy").orElse(null),
        "2 tokens, 20 s to refill both");
    assertEquals("default;r=1;t=10", first.headers().firstValue("RateLimit").orElse(null),
        "1 token left, full again in 10 s");
  }
}
