package com.acme.inventory;

import static java.util.Objects.requireNonNull;

/** Why a call failed, after any retries. */
public final class InventoryException extends Exception {

  private static final long serialVersionUID = 1L;

  /** What went wrong with the last attempt (or why the call stopped). */
  public enum Kind {
    /** The service answered with a status that is not a success; see {@link #status()}. */
    STATUS,
    /** The request did not complete within the per-request timeout. */
    TIMEOUT,
    /**
     * The exchange failed below HTTP: connection refused or reset, closed before or during the
     * response, or a response that is not HTTP.
     */
    CONNECTION,
    /** A success status whose body is not the documented JSON. */
    MALFORMED_RESPONSE,
    /** The calling thread was interrupted; its interrupt flag is set again. */
    INTERRUPTED
  }

  /** {@link #status()} when there was no HTTP status. */
  public static final int NO_STATUS = -1;

  private final Kind kind;
  private final int status;

  public InventoryException(Kind kind, int status, String message, Throwable cause) {
    super(message, cause);
    this.kind = requireNonNull(kind, "kind");
    this.status = status;
  }

  public InventoryException(Kind kind, int status, String message) {
    this(kind, status, message, null);
  }

  public Kind kind() {
    return kind;
  }

  /** The HTTP status of the last response, or {@link #NO_STATUS}. */
  public int status() {
    return status;
  }
}
