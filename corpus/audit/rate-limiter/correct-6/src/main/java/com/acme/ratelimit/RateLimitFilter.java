package com.acme.ratelimit;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.Objects;
import java.util.function.Function;

/**
 * Rate-limits requests to a {@link com.sun.net.httpserver.HttpContext} per client. See README.md for
 * the status codes and headers it must produce.
 */
public final class RateLimitFilter extends Filter {

  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  private final TokenBucketRateLimiter limiter;
  private final Function<HttpExchange, String> clientKey;
  private final String policyHeader;

  /**
   * @param limiter the limiter to ask (1 permit per request)
   * @param clientKey extracts the client's key from a request
   */
  public RateLimitFilter(TokenBucketRateLimiter limiter, Function<HttpExchange, String> clientKey) {
    this.limiter = Objects.requireNonNull(limiter, "limiter");
    this.clientKey = Objects.requireNonNull(clientKey, "clientKey");
    this.policyHeader = "default;q=" + limiter.capacity() + ";w=" + ceilSeconds(limiter.fullRefillNanos());
  }

  @Override
  public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
    Decision decision = limiter.tryAcquire(clientKey.apply(exchange));
    Headers headers = exchange.getResponseHeaders();
    headers.set("RateLimit-Policy", policyHeader);
    headers.set("RateLimit", "default;r=" + decision.remaining() + ";t=" + ceilSeconds(decision.resetAfterNanos()));
    if (decision.allowed()) {
      chain.doFilter(exchange);
      return;
    }
    headers.set("Retry-After", Long.toString(Math.max(1, ceilSeconds(decision.retryAfterNanos()))));
    try {
      exchange.sendResponseHeaders(429, -1);
    } finally {
      exchange.close();
    }
  }

  @Override
  public String description() {
    return "Per-client token-bucket rate limiting";
  }

  /** Whole seconds, rounded up; safe for {@code Long.MAX_VALUE}. */
  static long ceilSeconds(long nanos) {
    long seconds = nanos / NANOS_PER_SECOND;
    return nanos % NANOS_PER_SECOND == 0 ? seconds : seconds + 1;
  }
}
