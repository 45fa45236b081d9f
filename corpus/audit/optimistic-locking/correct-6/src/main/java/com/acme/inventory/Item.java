package com.acme.inventory;

/**
 * One row of table {@code item}: a stock-keeping item and its row version.
 *
 * <p>Given: do not change this file.
 *
 * @param id      the item's id
 * @param name    what it is called (never blank)
 * @param stock   how many are in stock (never negative)
 * @param version the row version: it changes, by exactly one, every time the row changes
 */
public record Item(long id, String name, int stock, long version) {

  /** A copy with another name (same id and version). */
  public Item withName(String newName) {
    return new Item(id, newName, stock, version);
  }

  /** A copy with another stock (same id and version). */
  public Item withStock(int newStock) {
    return new Item(id, name, newStock, version);
  }
}
