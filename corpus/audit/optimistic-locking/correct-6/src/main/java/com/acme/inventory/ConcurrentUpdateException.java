package com.acme.inventory;

/**
 * {@link InventoryService#update} lost the race for the same item on every one of its attempts and gave up
 * (HTTP 409). Nothing was written. Given: do not change this file.
 */
public class ConcurrentUpdateException extends RuntimeException {

  private final long id;
  private final int attempts;

  public ConcurrentUpdateException(long id, int attempts) {
    super("item " + id + " was changed by someone else during each of " + attempts + " attempts; gave up");
    this.id = id;
    this.attempts = attempts;
  }

  public long id() {
    return id;
  }

  /** How many attempts were made (the service's maxAttempts). */
  public int attempts() {
    return attempts;
  }
}
