package com.acme.feed;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * A place in the feed's order (created_at descending, id descending): the key of the last order a page listed.
 * created_at is kept as microseconds since the epoch, the precision PostgreSQL stores.
 */
record FeedPosition(long epochMicros, long id) {

  static FeedPosition of(Instant createdAt, long id) {
    long micros = Math.addExact(Math.multiplyExact(createdAt.getEpochSecond(), 1_000_000L), createdAt.getNano() / 1_000);
    return new FeedPosition(micros, id);
  }

  OffsetDateTime createdAt() {
    long seconds = Math.floorDiv(epochMicros, 1_000_000L);
    long micros = Math.floorMod(epochMicros, 1_000_000L);
    return Instant.ofEpochSecond(seconds, micros * 1_000L).atOffset(ZoneOffset.UTC);
  }
}
