package com.acme.inventory;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** The {@code Retry-After} header: delta-seconds or an HTTP-date. */
final class RetryAfter {

  /** What a delta-seconds value too large for a long means: later than any deadline. */
  private static final Duration FOREVER = Duration.ofSeconds(Long.MAX_VALUE);

  private RetryAfter() {}

  /**
   * The wait the header asks for, measured from {@code now}; empty when the header is absent or is
   * neither form (the caller then falls back to backoff). A date in the past means "now".
   */
  static Optional<Duration> parse(String header, Instant now) {
    if (header == null || header.isBlank()) {
      return Optional.empty();
    }
    String value = header.trim();
    if (value.chars().allMatch(c -> c >= '0' && c <= '9')) {
      try {
        return Optional.of(Duration.ofSeconds(Long.parseLong(value)));
      } catch (NumberFormatException tooLarge) {
        return Optional.of(FOREVER);
      }
    }
    try {
      Instant when = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      Duration wait = Duration.between(now, when);
      return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
    } catch (DateTimeParseException garbage) {
      return Optional.empty();
    }
  }
}
