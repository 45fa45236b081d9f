package com.acme.inventory;

import java.time.Duration;

/** The result of one attempt: a value, or a classified failure. */
final class Outcome {

  enum Category {
    /** The service certainly did not act (429, 503, connection never made). */
    NOT_ACTED_ON,
    /** Worth retrying, but the service may have acted (500, 502, 504, timeout, broken exchange). */
    MAYBE_ACTED_ON,
    /** Never retried. */
    FATAL
  }

  private final Object value;
  private final InventoryException failure;
  private final Category category;
  private final Duration retryAfter;

  private Outcome(Object value, InventoryException failure, Category category, Duration retryAfter) {
    this.value = value;
    this.failure = failure;
    this.category = category;
    this.retryAfter = retryAfter;
  }

  static Outcome success(Object value) {
    return new Outcome(value, null, null, null);
  }

  static Outcome failed(InventoryException failure, Category category) {
    return new Outcome(null, failure, category, null);
  }

  static Outcome failed(InventoryException failure, Category category, Duration retryAfter) {
    return new Outcome(null, failure, category, retryAfter);
  }

  boolean isSuccess() {
    return failure == null;
  }

  Object value() {
    return value;
  }

  InventoryException failure() {
    return failure;
  }

  Category category() {
    return category;
  }

  /** The wait a valid Retry-After asked for, or null. */
  Duration retryAfter() {
    return retryAfter;
  }
}
