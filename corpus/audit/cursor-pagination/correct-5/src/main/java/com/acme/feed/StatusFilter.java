package com.acme.feed;

/** The {@code status} parameter: no filter, or exactly one of the four statuses, spelled as stored. */
enum StatusFilter {
  ANY(null),
  PENDING("PENDING"),
  PAID("PAID"),
  SHIPPED("SHIPPED"),
  CANCELLED("CANCELLED");

  /** The value of the status column this filter keeps, or null for no filter. */
  final String column;

  StatusFilter(String column) {
    this.column = column;
  }

  /** A one-byte tag, written into cursors so that a cursor only continues the walk it belongs to. */
  byte tag() {
    return (byte) ordinal();
  }

  static StatusFilter parse(String raw) {
    if (raw == null) {
      return ANY;
    }
    for (StatusFilter f : values()) {
      if (f.column != null && f.column.equals(raw)) {
        return f;
      }
    }
    throw new BadRequest("status must be one of PENDING, PAID, SHIPPED, CANCELLED");
  }
}
