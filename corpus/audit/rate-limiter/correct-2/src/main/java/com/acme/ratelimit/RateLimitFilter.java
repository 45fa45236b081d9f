package com.acme.ratelimit;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Rate-limits requests to a {@link com.sun.net.httpserver.HttpContext} per client. See README.md for
 * the status codes and headers it must produce.
 */
public final class RateLimitFilter extends Filter {

  private final TokenBucketRateLimiter limiter;
  private final Function<HttpExchange, String> keyOf;

  /**
   * @param limiter the limiter to ask (1 permit per request)
   * @param clientKey extracts the client's key from a request
   */
  public RateLimitFilter(TokenBucketRateLimiter limiter, Function<HttpExchange, String> clientKey) {
    if (limiter == null || clientKey == null) {
      throw new IllegalArgumentException("limiter and clientKey are required");
    }
    this.limiter = limiter;
    this.keyOf = clientKey;
  }

  @Override
  public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
    Decision verdict = limiter.tryAcquire(keyOf.apply(exchange));
    var responseHeaders = exchange.getResponseHeaders();
    responseHeaders.set("RateLimit-Policy", String.format("default;q=%d;w=%d",
        limiter.capacity(), secondsRoundedUp(limiter.fullRefillNanos())));
    responseHeaders.set("RateLimit", String.format("default;r=%d;t=%d",
        verdict.remaining(), secondsRoundedUp(verdict.resetAfterNanos())));
    if (!verdict.allowed()) {
      long retryAfter = Math.max(1L, secondsRoundedUp(verdict.retryAfterNanos()));
      responseHeaders.set("Retry-After", String.valueOf(retryAfter));
      exchange.sendResponseHeaders(429, -1);
      exchange.close();
      return;
    }
    chain.doFilter(exchange);
  }

  @Override
  public String description() {
    return "Per-client token-bucket rate limiting";
  }

  private static long secondsRoundedUp(long nanos) {
    long whole = TimeUnit.NANOSECONDS.toSeconds(nanos);
    return TimeUnit.SECONDS.toNanos(whole) == nanos ? whole : whole + 1;
  }
}
