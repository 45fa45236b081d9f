package com.acme.inventory;

import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;

/**
 * The inventory: items with a name, a stock and a row version, guarded by optimistic concurrency control. A
 * write is refused by the database itself when the row is no longer at the version the writer saw.
 */
public final class InventoryService {

  /** Attempts {@link #update} makes when no other number is given. */
  public static final int DEFAULT_MAX_ATTEMPTS = 5;

  private final int maxAttempts;
  private final ItemTable table;

  public InventoryService(DataSource dataSource) {
    this(dataSource, DEFAULT_MAX_ATTEMPTS);
  }

  public InventoryService(DataSource dataSource, int maxAttempts) {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
    }
    this.table = new ItemTable(Objects.requireNonNull(dataSource, "dataSource"));
    this.maxAttempts = maxAttempts;
  }

  public int maxAttempts() {
    return maxAttempts;
  }

  public Optional<Item> find(long id) {
    return sql(() -> table.get(id));
  }

  public Item create(String name, int stock) {
    checkName(name);
    checkStock(stock);
    return sql(() -> table.add(name, stock));
  }

  public Item replace(long id, long expectedVersion, String name, int stock) {
    checkName(name);
    checkStock(stock);
    return written(id, expectedVersion, sql(() -> table.setIfAt(id, expectedVersion, name, stock)));
  }

  public Item patch(long id, long expectedVersion, String name, Integer stock) {
    if (name == null && stock == null) {
      throw new IllegalArgumentException("a patch needs a name, a stock or both");
    }
    if (name != null) {
      checkName(name);
    }
    if (stock != null) {
      checkStock(stock);
    }
    return written(id, expectedVersion, sql(() -> table.setIfAt(id, expectedVersion, name, stock)));
  }

  public void delete(long id, long expectedVersion) {
    ItemTable.Outcome outcome = sql(() -> table.removeIfAt(id, expectedVersion));
    if (!(outcome instanceof ItemTable.Deleted)) {
      throw refused(id, expectedVersion, outcome);
    }
  }

  public int restock(List<Long> ids, int amount) {
    if (amount < 1) {
      throw new IllegalArgumentException("amount must be positive, was " + amount);
    }
    for (Long id : ids) {
      if (id == null) {
        throw new IllegalArgumentException("an id is missing from the list");
      }
    }
    if (ids.isEmpty()) {
      return 0;
    }
    try {
      return table.addToStock(ids, amount);
    } catch (SQLException e) {
      if ("22003".equals(e.getSQLState())) { // integer out of range
        throw new IllegalArgumentException("a stock would overflow", e);
      }
      throw new IllegalStateException("database error: " + e.getMessage(), e);
    }
  }

  /**
   * Reads the item afresh, applies {@code change} once and writes the result if nobody wrote in between;
   * otherwise tries again, up to {@link #maxAttempts()} times in all.
   */
  public Item update(long id, UnaryOperator<Item> change) {
    int attempt = 0;
    while (true) {
      attempt++;
      Item seen = find(id).orElseThrow(() -> new ItemNotFoundException(id));
      Item wanted = Objects.requireNonNull(change.apply(seen), "change returned null");
      checkName(wanted.name());
      checkStock(wanted.stock());
      ItemTable.Outcome outcome = sql(() -> table.setIfAt(id, seen.version(), wanted.name(), wanted.stock()));
      if (outcome instanceof ItemTable.Written w) {
        return w.item();
      }
      if (outcome instanceof ItemTable.Missing) {
        throw new ItemNotFoundException(id);
      }
      if (attempt >= maxAttempts) {
        throw new ConcurrentUpdateException(id, maxAttempts);
      }
      backOff();
    }
  }

  public Item incrementStock(long id, int delta) {
    return update(id, item -> item.withStock(Math.addExact(item.stock(), delta)));
  }

  /** A millisecond or two, so that writers who just collided do not collide again in lockstep. */
  private static void backOff() {
    try {
      Thread.sleep(ThreadLocalRandom.current().nextInt(3));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while retrying", e);
    }
  }

  private static Item written(long id, long expectedVersion, ItemTable.Outcome outcome) {
    if (outcome instanceof ItemTable.Written w) {
      return w.item();
    }
    throw refused(id, expectedVersion, outcome);
  }

  private static RuntimeException refused(long id, long expectedVersion, ItemTable.Outcome outcome) {
    if (outcome instanceof ItemTable.Moved moved) {
      return new VersionConflictException(id, expectedVersion, moved.currentVersion());
    }
    return new ItemNotFoundException(id);
  }

  private static void checkName(String name) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("name must not be blank");
    }
  }

  private static void checkStock(int stock) {
    if (stock < 0) {
      throw new IllegalArgumentException("stock must not be negative, was " + stock);
    }
  }

  private interface Query<T> {
    T run() throws SQLException;
  }

  private static <T> T sql(Query<T> query) {
    try {
      return query.run();
    } catch (SQLException e) {
      throw new IllegalStateException("database error: " + e.getMessage(), e);
    }
  }
}
