package com.acme.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** A few simple checks to start from. The graded suites check much more: read README.md. */
class TokenBucketRateLimiterTest {

  /** A clock the test moves by hand. */
  static final class ManualClock implements TimeSource {
    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    @Override
    public long nanoTime() {
      return now.get();
    }

    void advance(Duration by) {
      now.addAndGet(by.toNanos());
    }
  }

  private final ManualClock clock = new ManualClock();

  @Test
  void aNewKeyStartsWithAFullBucket() {
    var limiter = new TokenBucketRateLimiter(5, 1, Duration.ofSeconds(1), clock);

    assertEquals(5, limiter.availableTokens("alice"), "a key never seen before has a full bucket");
    for (int i = 1; i <= 5; i++) {
      Decision decision = limiter.tryAcquire("alice");
      assertTrue(decision.allowed(), "request " + i + " of 5 should be allowed");
      assertEquals(5 - i, decision.remaining(), "tokens left after request " + i);
    }
    Decision sixth = limiter.tryAcquire("alice");
    assertFalse(sixth.allowed(), "the 6th request within the same instant should be rejected");
    assertEquals(Duration.ofSeconds(1).toNanos(), sixth.retryAfterNanos(),
        "one token comes back after one refill period");
  }

  @Test
  void tokensComeBackOverTime() {
    var limiter = new TokenBucketRateLimiter(10, 2, Duration.ofSeconds(1), clock);
    limiter.tryAcquire("bob", 10);
    assertEquals(0, limiter.availableTokens("bob"), "the bucket was just drained");

    clock.advance(Duration.ofMillis(500));
    assertEquals(1, limiter.availableTokens("bob"), "2 tokens per second: 1 token after 500 ms");

    clock.advance(Duration.ofSeconds(60));
    assertEquals(10, limiter.availableTokens("bob"), "a bucket never holds more than its capacity");
  }

  @Test
  void aRejectedRequestConsumesNothing() {
    var limiter = new TokenBucketRateLimiter(10, 1, Duration.ofSeconds(1), clock);
    limiter.tryAcquire("carol", 7);

    assertFalse(limiter.tryAcquire("carol", 4).allowed(), "4 permits requested, only 3 left");
    assertEquals(3, limiter.availableTokens("carol"), "the rejected request must not take any token");
    assertEquals(10, limiter.availableTokens("dave"), "another key has its own bucket");
  }

  @Test
  void invalidSettingsAreRejected() {
    assertThrows(IllegalArgumentException.class,
        () -> new TokenBucketRateLimiter(0, 1, Duration.ofSeconds(1), clock), "capacity 0");
    assertThrows(IllegalArgumentException.class,
        () -> new TokenBucketRateLimiter(10, 1, Duration.ZERO, clock), "refill period 0");
  }
}
