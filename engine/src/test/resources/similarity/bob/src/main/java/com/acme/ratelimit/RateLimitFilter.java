package com.acme.ratelimit;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.function.Function;

/** Answers 429 with Retry-After when the client's bucket is empty; passes the request on otherwise. */
public final class RateLimitFilter extends Filter {

  private final TokenBucketRateLimiter buckets;
  private final Function<HttpExchange, String> keyOf;

  public RateLimitFilter(TokenBucketRateLimiter buckets, Function<HttpExchange, String> keyOf) {
    this.buckets = buckets;
    this.keyOf = keyOf;
  }

  private static long toSeconds(long nanos) {
    return (nanos + 999_999_999L) / 1_000_000_000L;
  }

  @Override
  public void doFilter(HttpExchange ex, Chain chain) throws IOException {
    Decision decision = buckets.tryAcquire(keyOf.apply(ex));
    var out = ex.getResponseHeaders();
    out.set("RateLimit-Limit", Long.toString(buckets.capacity()));
    out.set("RateLimit-Remaining", Long.toString(decision.remaining()));
    out.set("RateLimit-Reset", Long.toString(toSeconds(decision.resetAfterNanos())));
    if (decision.allowed()) {
      chain.doFilter(ex);
      return;
    }
    long after = decision.retryAfterNanos() == Long.MAX_VALUE ? 3600 : toSeconds(decision.retryAfterNanos());
    out.set("Retry-After", Long.toString(Math.max(1, after)));
    ex.sendResponseHeaders(429, -1);
    ex.close();
  }

  @Override
  public String description() {
    return "Per-client token-bucket rate limiting";
  }
}
