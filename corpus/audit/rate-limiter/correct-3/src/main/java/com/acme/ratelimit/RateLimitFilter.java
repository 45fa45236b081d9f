package com.acme.ratelimit;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.function.Function;

/**
 * Rate-limits requests to a {@link com.sun.net.httpserver.HttpContext} per client. See README.md for
 * the status codes and headers it must produce.
 */
public final class RateLimitFilter extends Filter {

  private final TokenBucketRateLimiter limiter;
  private final Function<HttpExchange, String> clientKey;

  /**
   * @param limiter the limiter to ask (1 permit per request)
   * @param clientKey extracts the client's key from a request
   */
  public RateLimitFilter(TokenBucketRateLimiter limiter, Function<HttpExchange, String> clientKey) {
    this.limiter = limiter;
    this.clientKey = clientKey;
  }

  @Override
  public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
    Decision d = limiter.tryAcquire(clientKey.apply(exchange));
    var h = exchange.getResponseHeaders();
    h.add("RateLimit-Policy", "default;q=" + limiter.capacity() + ";w=" + up(limiter.fullRefillNanos()));
    h.add("RateLimit", "default;r=" + d.remaining() + ";t=" + up(d.resetAfterNanos()));
    if (d.allowed()) {
      chain.doFilter(exchange);
    } else {
      h.add("Retry-After", String.valueOf(Math.max(1, up(d.retryAfterNanos()))));
      exchange.sendResponseHeaders(429, -1);
      exchange.close();
    }
  }

  @Override
  public String description() {
    return "token-bucket rate limit";
  }

  /** Nanoseconds to whole seconds, rounded up; no overflow even for Long.MAX_VALUE. */
  private static long up(long nanos) {
    return -Math.floorDiv(-nanos, 1_000_000_000L);
  }
}
