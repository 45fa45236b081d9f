package com.acme.inventory;

/**
 * A conditional write was refused: the item is no longer at the version the caller expected (HTTP 412).
 * Given: do not change this file.
 */
public class VersionConflictException extends RuntimeException {

  private final long id;
  private final long expectedVersion;
  private final long currentVersion;

  public VersionConflictException(long id, long expectedVersion, long currentVersion) {
    super("item " + id + " is at version " + currentVersion + ", not " + expectedVersion);
    this.id = id;
    this.expectedVersion = expectedVersion;
    this.currentVersion = currentVersion;
  }

  public long id() {
    return id;
  }

  public long expectedVersion() {
    return expectedVersion;
  }

  /** The version the item had when the write was refused (it may have moved on since). */
  public long currentVersion() {
    return currentVersion;
  }
}
