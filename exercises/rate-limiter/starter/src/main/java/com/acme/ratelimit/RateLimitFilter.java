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

  /**
   * @param limiter the limiter to ask (1 permit per request)
   * @param clientKey extracts the client's key from a request
   */
  public RateLimitFilter(TokenBucketRateLimiter limiter, Function<HttpExchange, String> clientKey) {
    throw new UnsupportedOperationException("TODO");
  }

  @Override
  public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
    throw new UnsupportedOperationException("TODO");
  }

  @Override
  public String description() {
    return "Per-client token-bucket rate limiting";
  }
}
