package com.acme.inventory.hidden;

import com.acme.inventory.InventoryClient;
import com.acme.inventory.RandomSource;
import com.acme.inventory.RetryPolicy;
import com.acme.inventory.Sleeper;
import dev.grader.support.wiremock.FlakyDownstream;
import dev.grader.support.wiremock.Reply;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/** Fakes and helpers shared by the hidden suites. Not a test class. */
final class Fixtures {

  /** Long enough never to matter in tests that are not about the deadline. */
  static final Duration NO_DEADLINE = Duration.ofDays(1);

  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(3);

  private Fixtures() {}

  static RetryPolicy policy(int maxAttempts, long baseMillis, long capMillis) {
    return new RetryPolicy(
        maxAttempts,
        Duration.ofMillis(baseMillis),
        Duration.ofMillis(capMillis),
        REQUEST_TIMEOUT,
        NO_DEADLINE);
  }

  /** Up to 10 attempts from {@code baseMillis}, a 60 s cap, a 3 s request timeout and a {@code deadlineMillis} deadline. */
  static RetryPolicy deadlinePolicy(long baseMillis, long deadlineMillis) {
    return new RetryPolicy(
        10, Duration.ofMillis(baseMillis), Duration.ofSeconds(60), REQUEST_TIMEOUT, Duration.ofMillis(deadlineMillis));
  }

  /** {@code min(cap, base * 2^(retry-1))}, by repeated doubling (no overflow possible). */
  static long ceiling(int retry, long base, long cap) {
    long c = base;
    for (int i = 1; i < retry && c < cap; i++) {
      c *= 2;
    }
    return Math.min(c, cap);
  }

  static List<Duration> millis(long... values) {
    List<Duration> list = new ArrayList<>();
    for (long v : values) {
      list.add(Duration.ofMillis(v));
    }
    return list;
  }

  static String stockJson(String sku, int available) {
    return "{\"sku\":\"" + sku + "\",\"available\":" + available + "}";
  }

  static String reservationJson(String id, String sku, int quantity) {
    return "{\"id\":\"" + id + "\",\"sku\":\"" + sku + "\",\"quantity\":" + quantity + "}";
  }

  /** A SKU such as {@code KX-40211}. */
  static String sku(Random random) {
    return "" + (char) ('A' + random.nextInt(26)) + (char) ('A' + random.nextInt(26)) + "-"
        + (10_000 + random.nextInt(90_000));
  }

  static String describe(List<Duration> sleeps) {
    return sleeps.stream().map(d -> d.toMillis() + "ms").collect(Collectors.joining(", ", "[", "]"));
  }

  /** A clock that only moves when told to (the recording sleeper moves it by each delay). */
  static final class ManualClock extends Clock {
    private final AtomicReference<Instant> now;

    ManualClock(Instant start) {
      this.now = new AtomicReference<>(start);
    }

    /** A start in 2031 at a whole second, far from the machine's own time. */
    static ManualClock seeded(Random random) {
      return new ManualClock(Instant.parse("2031-01-01T00:00:00Z").plusSeconds(random.nextInt(300 * 86_400)));
    }

    void advance(Duration d) {
      now.updateAndGet(t -> t.plus(d));
    }

    @Override
    public Instant instant() {
      return now.get();
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }

  /** Records every delay (and the thread that slept) and advances the clock by it. */
  static class RecordingSleeper implements Sleeper {
    private final ManualClock clock;
    private final List<Duration> sleeps = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();

    RecordingSleeper(ManualClock clock) {
      this.clock = clock;
    }

    @Override
    public void sleep(Duration duration) throws InterruptedException {
      synchronized (this) {
        sleeps.add(duration);
        threads.add(Thread.currentThread());
      }
      if (!duration.isNegative()) {
        clock.advance(duration);
      }
    }

    synchronized List<Duration> sleeps() {
      return List.copyOf(sleeps);
    }

    synchronized List<Duration> sleepsOf(Thread thread) {
      List<Duration> mine = new ArrayList<>();
      for (int i = 0; i < sleeps.size(); i++) {
        if (threads.get(i) == thread) {
          mine.add(sleeps.get(i));
        }
      }
      return mine;
    }

    synchronized Duration total() {
      return sleeps.stream().reduce(Duration.ZERO, Duration::plus);
    }
  }

  /** A random source pinned to an extreme or drawing from a seeded sequence; records what it was asked. */
  static final class RecordingRandom implements RandomSource {
    enum Mode { LOWEST, HIGHEST, SEEDED }

    private final Mode mode;
    private final Random seeded;
    private final List<Long> bounds = new ArrayList<>();
    private final List<Long> drawn = new ArrayList<>();

    private RecordingRandom(Mode mode, Random seeded) {
      this.mode = mode;
      this.seeded = seeded;
    }

    static RecordingRandom lowest() {
      return new RecordingRandom(Mode.LOWEST, null);
    }

    static RecordingRandom highest() {
      return new RecordingRandom(Mode.HIGHEST, null);
    }

    static RecordingRandom seeded(Random random) {
      return new RecordingRandom(Mode.SEEDED, random);
    }

    @Override
    public synchronized long nextLong(long maxInclusive) {
      long value =
          switch (mode) {
            case LOWEST -> 0;
            case HIGHEST -> maxInclusive;
            case SEEDED -> maxInclusive <= 0 ? 0 : Math.floorMod(seeded.nextLong(), maxInclusive + 1);
          };
      bounds.add(maxInclusive);
      drawn.add(value);
      return value;
    }

    synchronized List<Long> bounds() {
      return List.copyOf(bounds);
    }

    synchronized List<Long> drawn() {
      return List.copyOf(drawn);
    }
  }

  /**
   * A client wired to fakes, pointed at its test class's downstream (by the downstream's own URL: classes may run at
   * once, each with a downstream of its own, so the system property names only one of them).
   */
  static final class Harness {
    final ManualClock clock;
    final RecordingSleeper sleeper;
    final RecordingRandom random;
    final InventoryClient client;

    Harness(FlakyDownstream downstream, RetryPolicy policy, ManualClock clock, RecordingSleeper sleeper,
        RecordingRandom random) {
      this.clock = clock;
      this.sleeper = sleeper;
      this.random = random;
      this.client = new InventoryClient(URI.create(downstream.baseUrl()), policy, sleeper, clock, random);
    }

    Harness(FlakyDownstream downstream, RetryPolicy policy, RecordingRandom random, Random seed) {
      this(downstream, policy, ManualClock.seeded(seed), random);
    }

    private Harness(FlakyDownstream downstream, RetryPolicy policy, ManualClock clock, RecordingRandom random) {
      this(downstream, policy, clock, new RecordingSleeper(clock), random);
    }

    List<Duration> sleeps() {
      return sleeper.sleeps();
    }
  }

  /** The URL of a local port nothing listens on (bound, then closed). */
  static URI closedPort() throws java.io.IOException {
    int port;
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    return URI.create("http://127.0.0.1:" + port);
  }

  /** The connection-level faults of the downstream, by name for parameterised tests. */
  enum Transport {
    CONNECTION_RESET(Reply.connectionReset()),
    EMPTY_RESPONSE(Reply.emptyResponse()),
    RANDOM_DATA_THEN_CLOSE(Reply.randomDataThenClose()),
    MALFORMED_CHUNK(Reply.malformedChunk());

    final Reply reply;

    Transport(Reply reply) {
      this.reply = reply;
    }
  }
}
