package com.acme.inventory;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.util.Locale;
import java.util.Optional;

/** The value of a {@code Retry-After} header: delta-seconds or an IMF-fixdate HTTP-date. */
final class RetryAfter {

  /** IMF-fixdate, e.g. {@code Sun, 06 Nov 1994 08:49:37 GMT}; strict, so 31 Feb or a wrong weekday fail. */
  private static final DateTimeFormatter IMF_FIXDATE =
      DateTimeFormatter.ofPattern("EEE, dd MMM uuuu HH:mm:ss 'GMT'", Locale.US)
          .withResolverStyle(ResolverStyle.STRICT)
          .withZone(ZoneOffset.UTC);

  private RetryAfter() {}

  /**
   * The wait this header asks for, measured from {@code now}, or empty when the value is not valid
   * (then the ordinary backoff applies).
   */
  static Optional<Duration> waitFor(String raw, Instant now) {
    if (raw == null) {
      return Optional.empty();
    }
    String value = trimOws(raw);
    if (value.isEmpty()) {
      return Optional.empty();
    }
    if (allAsciiDigits(value)) {
      return Optional.of(seconds(value));
    }
    Instant when;
    try {
      when = IMF_FIXDATE.parse(value, Instant::from);
    } catch (DateTimeException notADate) {
      return Optional.empty();
    }
    Duration wait = Duration.between(now, when);
    return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
  }

  private static Duration seconds(String digits) {
    long s;
    try {
      s = Long.parseLong(digits);
    } catch (NumberFormatException tooManyDigits) {
      s = Long.MAX_VALUE; // a valid but astronomically long wait: beyond any deadline
    }
    return Duration.ofSeconds(s);
  }

  private static boolean allAsciiDigits(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  /** Optional white space (space, tab) around a field value is not part of it. */
  private static String trimOws(String s) {
    int from = 0;
    int to = s.length();
    while (from < to && (s.charAt(from) == ' ' || s.charAt(from) == '\t')) {
      from++;
    }
    while (to > from && (s.charAt(to - 1) == ' ' || s.charAt(to - 1) == '\t')) {
      to--;
    }
    return s.substring(from, to);
  }
}
