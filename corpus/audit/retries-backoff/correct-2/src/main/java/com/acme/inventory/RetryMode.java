package com.acme.inventory;

/** Whether a request may be repeated after a failure that the service may have acted on. */
enum RetryMode {
  /** GET, or POST with an idempotency key. */
  SAFE {
    @Override
    boolean mayRetry(Outcome o) {
      return o.category() != Outcome.Category.FATAL;
    }
  },
  /** POST without a key: only when the service certainly did not act. */
  UNSAFE {
    @Override
    boolean mayRetry(Outcome o) {
      return o.category() == Outcome.Category.NOT_ACTED_ON;
    }
  };

  abstract boolean mayRetry(Outcome o);
}
