package com.acme.inventory;

/** What one attempt came to: a value, or a failure with what may follow it. */
sealed interface Outcome<T> permits Outcome.Done, Outcome.Failed {

  /** Which requests may be sent again after a failure. */
  enum Repeat {
    /** Never: the answer is final (malformed body, 4xx other than 429, …). */
    NEVER,
    /** Only requests that are safe to repeat: GET, or POST with an idempotency key. */
    IF_IDEMPOTENT,
    /** Any request: the service certainly did not act (429, 503, connection never made). */
    ALWAYS;

    boolean allows(boolean idempotent) {
      return this == ALWAYS || (this == IF_IDEMPOTENT && idempotent);
    }
  }

  record Done<T>(T value) implements Outcome<T> {}

  /**
   * @param error what the caller gets if this is the last attempt
   * @param repeat whether another attempt may follow
   * @param retryAfter the raw {@code Retry-After} of a 429 or 503, else {@code null}
   */
  record Failed<T>(InventoryException error, Repeat repeat, String retryAfter) implements Outcome<T> {}
}
