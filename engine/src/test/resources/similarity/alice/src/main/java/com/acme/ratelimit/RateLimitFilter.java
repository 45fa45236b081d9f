package com.acme.ratelimit;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.function.Function;

/** Answers 429 with Retry-After when the client's bucket is empty; passes the request on otherwise. */
public final class RateLimitFilter extends Filter {

  private final TokenBucketRateLimiter limiter;
  private final Function<HttpExchange, String> clientKey;

  public RateLimitFilter(TokenBucketRateLimiter limiter, Function<HttpExchange, String> clientKey) {
    this.limiter = limiter;
    this.clientKey = clientKey;
  }

  @Override
  public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
    Decision d = limiter.tryAcquire(clientKey.apply(exchange));
    var headers = exchange.getResponseHeaders();
    headers.set("RateLimit-Limit", Long.toString(limiter.capacity()));
    headers.set("RateLimit-Remaining", Long.toString(d.remaining()));
    headers.set("RateLimit-Reset", Long.toString(seconds(d.resetAfterNanos())));
    if (d.allowed()) {
      chain.doFilter(exchange);
      return;
    }
    long retry = d.retryAfterNanos() == Long.MAX_VALUE ? 3600 : seconds(d.retryAfterNanos());
    headers.set("Retry-After", Long.toString(Math.max(1, retry)));
    exchange.sendResponseHeaders(429, -1);
    exchange.close();
  }

  private static long seconds(long nanos) {
    return (nanos + 999_999_999L) / 1_000_000_000L;
  }

  @Override
  public String description() {
    return "Per-client token-bucket rate limiting";
  }
}
