package com.acme.inventory;

/** There is no item with this id (HTTP 404). Given: do not change this file. */
public class ItemNotFoundException extends RuntimeException {

  private final long id;

  public ItemNotFoundException(long id) {
    super("no item " + id);
    this.id = id;
  }

  public long id() {
    return id;
  }
}
