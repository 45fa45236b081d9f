package com.acme.inventory;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;

/**
 * The inventory: items with a name, a stock and a row version.
 *
 * <p>Optimistic concurrency control: every write says which version it was based on and the database refuses it
 * (in the write statement itself) when the row has moved on. Nothing is locked and nothing is kept in memory
 * between calls: the database is the only truth.
 */
public final class InventoryService {

  /** Attempts {@link #update} makes when no other number is given. */
  public static final int DEFAULT_MAX_ATTEMPTS = 5;

  /** SQLSTATE numeric_value_out_of_range (e.g. a stock that would overflow INTEGER). */
  private static final String OUT_OF_RANGE = "22003";

  private final DataSource dataSource;
  private final int maxAttempts;
  private final ItemRepository items = new ItemRepository();

  public InventoryService(DataSource dataSource) {
    this(dataSource, DEFAULT_MAX_ATTEMPTS);
  }

  public InventoryService(DataSource dataSource, int maxAttempts) {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
    }
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    this.maxAttempts = maxAttempts;
  }

  public int maxAttempts() {
    return maxAttempts;
  }

  public Optional<Item> find(long id) {
    try (Connection c = dataSource.getConnection()) {
      return items.find(c, id);
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  public Item create(String name, int stock) {
    validate(name, stock);
    try (Connection c = dataSource.getConnection()) {
      return items.insert(c, name, stock);
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  /** Writes name and stock only if the row is at {@code expectedVersion} at the moment of the write. */
  public Item replace(long id, long expectedVersion, String name, int stock) {
    validate(name, stock);
    try (Connection c = dataSource.getConnection()) {
      Optional<Item> written = items.updateIfVersion(c, id, expectedVersion, name, stock);
      if (written.isPresent()) {
        return written.get();
      }
      throw refused(c, id, expectedVersion);
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  /** Writes the fields that are not null, only if the row is at {@code expectedVersion} at the moment of the write. */
  public Item patch(long id, long expectedVersion, String name, Integer stock) {
    if (name == null && stock == null) {
      throw new IllegalArgumentException("nothing to change: give name, stock or both");
    }
    if (name != null) {
      validateName(name);
    }
    if (stock != null) {
      validateStock(stock);
    }
    try (Connection c = dataSource.getConnection()) {
      Optional<Item> written = items.patchIfVersion(c, id, expectedVersion, name, stock);
      if (written.isPresent()) {
        return written.get();
      }
      throw refused(c, id, expectedVersion);
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  /** Deletes the row only if it is at {@code expectedVersion} at the moment of the delete. */
  public void delete(long id, long expectedVersion) {
    try (Connection c = dataSource.getConnection()) {
      if (!items.deleteIfVersion(c, id, expectedVersion)) {
        throw refused(c, id, expectedVersion);
      }
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  /** Adds {@code amount} to every listed item's stock in one statement, bumping each version; unknown ids ignored. */
  public int restock(List<Long> ids, int amount) {
    if (amount <= 0) {
      throw new IllegalArgumentException("amount must be greater than 0, was " + amount);
    }
    if (ids == null || ids.stream().anyMatch(Objects::isNull)) {
      throw new IllegalArgumentException("ids must be a list of item ids");
    }
    if (ids.isEmpty()) {
      return 0;
    }
    try (Connection c = dataSource.getConnection()) {
      return items.addStock(c, ids, amount);
    } catch (SQLException e) {
      if (OUT_OF_RANGE.equals(e.getSQLState())) {
        throw new IllegalArgumentException("the stock of an item would go beyond " + Integer.MAX_VALUE, e);
      }
      throw failed(e);
    }
  }

  /**
   * Read-modify-write with retries: each attempt reads the item afresh, applies {@code change} once, and writes the
   * result only if the row is still at the version it read. At most {@link #maxAttempts()} attempts.
   */
  public Item update(long id, UnaryOperator<Item> change) {
    Objects.requireNonNull(change, "change");
    for (int attempt = 1; attempt <= maxAttempts; attempt++) {
      if (attempt > 1) {
        pauseBeforeRetry();
      }
      Item current = find(id).orElseThrow(() -> new ItemNotFoundException(id));
      Item changed = change.apply(current); // no connection held, nothing locked while it runs
      if (changed == null) {
        throw new IllegalArgumentException("the change returned no item");
      }
      validate(changed.name(), changed.stock());
      try (Connection c = dataSource.getConnection()) {
        Optional<Item> written = items.updateIfVersion(c, id, current.version(), changed.name(), changed.stock());
        if (written.isPresent()) {
          return written.get();
        }
        if (items.find(c, id).isEmpty()) {
          throw new ItemNotFoundException(id);
        }
        // someone else wrote in between: this attempt lost, try again with a fresh read
      } catch (SQLException e) {
        throw failed(e);
      }
    }
    throw new ConcurrentUpdateException(id, maxAttempts);
  }

  public Item incrementStock(long id, int delta) {
    return update(id, item -> item.withStock(Math.addExact(item.stock(), delta)));
  }

  /** After a refused conditional write: was the row gone (404) or at another version (412)? */
  private RuntimeException refused(Connection c, long id, long expectedVersion) throws SQLException {
    Optional<Item> current = items.find(c, id);
    if (current.isEmpty()) {
      return new ItemNotFoundException(id);
    }
    return new VersionConflictException(id, expectedVersion, current.get().version());
  }

  /** A short random pause (at most a couple of milliseconds) so that racing writers spread out. */
  private static void pauseBeforeRetry() {
    try {
      Thread.sleep(ThreadLocalRandom.current().nextInt(3));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void validate(String name, int stock) {
    validateName(name);
    validateStock(stock);
  }

  private static void validateName(String name) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("name must not be blank");
    }
  }

  private static void validateStock(int stock) {
    if (stock < 0) {
      throw new IllegalArgumentException("stock must not be negative, was " + stock);
    }
  }

  private static IllegalStateException failed(SQLException e) {
    return new IllegalStateException("database error: " + e.getMessage(), e);
  }
}
