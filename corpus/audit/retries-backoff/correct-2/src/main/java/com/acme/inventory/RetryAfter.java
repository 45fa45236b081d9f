package com.acme.inventory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.util.Locale;

/** Reads a Retry-After header: delta-seconds or an IMF-fixdate. */
final class RetryAfter {

  /** Longer than any overallTimeout can be in practice; keeps Instant arithmetic in range. */
  private static final Duration FOREVER = Duration.ofDays(365L * 1000);

  private static final DateTimeFormatter IMF_FIXDATE =
      new DateTimeFormatterBuilder()
          .appendPattern("EEE, dd MMM ")
          .appendValue(ChronoField.YEAR, 4)
          .appendPattern(" HH:mm:ss 'GMT'")
          .toFormatter(Locale.US)
          .withZone(ZoneOffset.UTC)
          .withResolverStyle(ResolverStyle.STRICT);

  private RetryAfter() {}

  /** The wait, or null when the value is absent or not valid. */
  static Duration parse(String header, Clock clock) {
    if (header == null) {
      return null;
    }
    String v = header.strip();
    if (v.isEmpty()) {
      return null;
    }
    if (v.chars().allMatch(c -> c >= '0' && c <= '9')) {
      // digits only; anything that long is far beyond any deadline
      if (v.length() > 15) {
        return FOREVER;
      }
      Duration d = Duration.ofSeconds(Long.parseLong(v));
      return d.compareTo(FOREVER) > 0 ? FOREVER : d;
    }
    Instant at;
    try {
      at = IMF_FIXDATE.parse(v, Instant::from);
    } catch (RuntimeException notADate) {
      return null;
    }
    Instant now = clock.instant();
    return at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO;
  }
}
