package com.acme.inventory;

import java.util.List;

/**
 * An {@code If-Match} request header, as this API reads it. Only one strong entity tag of the form
 * {@code "<version>"} can ever match; {@code *} and a missing header are refused with 428.
 */
record IfMatch(Kind kind, long version) {

  enum Kind {
    /** No header, or {@code *}: 428. */
    ABSENT,
    /** One strong tag naming a version. */
    VERSION,
    /** Weak tag, list, garbage: matches nothing, 412. */
    NEVER
  }

  static IfMatch of(List<String> headerValues) {
    if (headerValues == null || headerValues.isEmpty()) {
      return new IfMatch(Kind.ABSENT, 0);
    }
    if (headerValues.size() != 1) {
      return new IfMatch(Kind.NEVER, 0);
    }
    String raw = headerValues.get(0).strip();
    if (raw.equals("*")) {
      return new IfMatch(Kind.ABSENT, 0);
    }
    if (raw.length() < 3 || raw.charAt(0) != '"' || raw.charAt(raw.length() - 1) != '"') {
      return new IfMatch(Kind.NEVER, 0);
    }
    String inner = raw.substring(1, raw.length() - 1);
    for (int i = 0; i < inner.length(); i++) {
      if (inner.charAt(i) < '0' || inner.charAt(i) > '9') {
        return new IfMatch(Kind.NEVER, 0);
      }
    }
    long version;
    try {
      version = Long.parseLong(inner);
    } catch (NumberFormatException e) {
      return new IfMatch(Kind.NEVER, 0);
    }
    // strong comparison is character by character: "007" is not the tag of version 7
    if (!etagOf(version).equals(raw)) {
      return new IfMatch(Kind.NEVER, 0);
    }
    return new IfMatch(Kind.VERSION, version);
  }

  /** The strong ETag of a version: the number in double quotes. */
  static String etagOf(long version) {
    return "\"" + version + "\"";
  }
}
