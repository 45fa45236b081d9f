package com.acme.inventory;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;

/**
 * The inventory: items with a name, a stock and a row version.
 *
 * <p>Optimistic concurrency control: every write names the version it was based on, and the database refuses it
 * (in the same statement as the write) when the row has moved on. Nothing is locked and nothing is kept in memory
 * between calls.
 */
public final class InventoryService {

  /** Attempts {@link #update} makes when no other number is given. */
  public static final int DEFAULT_MAX_ATTEMPTS = 5;

  /** SQLState of "numeric value out of range" (e.g. a restock that overflows INTEGER). */
  private static final String NUMERIC_VALUE_OUT_OF_RANGE = "22003";

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

  public Item replace(long id, long expectedVersion, String name, int stock) {
    validate(name, stock);
    return writeIfAt(id, expectedVersion, name, stock);
  }

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
    return writeIfAt(id, expectedVersion, name, stock);
  }

  public void delete(long id, long expectedVersion) {
    try (Connection c = dataSource.getConnection()) {
      if (!items.deleteIfAt(c, id, expectedVersion)) {
        throw refusal(c, id, expectedVersion);
      }
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  public int restock(List<Long> ids, int amount) {
    if (amount <= 0) {
      throw new IllegalArgumentException("amount must be greater than 0, was " + amount);
    }
    Objects.requireNonNull(ids, "ids");
    if (ids.contains(null)) {
      throw new IllegalArgumentException("ids must not contain null");
    }
    if (ids.isEmpty()) {
      return 0;
    }
    try (Connection c = dataSource.getConnection()) {
      return items.addStock(c, ids, amount);
    } catch (SQLException e) {
      if (NUMERIC_VALUE_OUT_OF_RANGE.equals(e.getSQLState())) {
        throw new IllegalArgumentException("the restock would take a stock out of range", e);
      }
      throw failed(e);
    }
  }

  /**
   * Read-modify-write with retries: each attempt reads the item afresh, applies {@code change} once (with no
   * connection held and nothing locked) and writes the result only if the row is still at the version read.
   */
  public Item update(long id, UnaryOperator<Item> change) {
    Objects.requireNonNull(change, "change");
    for (int attempt = 1; attempt <= maxAttempts; attempt++) {
      Item current = find(id).orElseThrow(() -> new ItemNotFoundException(id));
      Item changed = change.apply(current);
      if (changed == null) {
        throw new IllegalArgumentException("the change returned no item");
      }
      validate(changed.name(), changed.stock());
      try (Connection c = dataSource.getConnection()) {
        Optional<Item> written = items.updateIfAt(c, id, current.version(), changed.name(), changed.stock());
        if (written.isPresent()) {
          return written.get();
        }
        if (items.currentVersion(c, id).isEmpty()) {
          throw new ItemNotFoundException(id);
        }
        // someone else wrote the row after our read: this attempt lost, try again with a fresh read
      } catch (SQLException e) {
        throw failed(e);
      }
    }
    throw new ConcurrentUpdateException(id, maxAttempts);
  }

  public Item incrementStock(long id, int delta) {
    return update(id, item -> item.withStock(Math.addExact(item.stock(), delta)));
  }

  /** The conditional write of replace and patch (null fields: leave as is). */
  private Item writeIfAt(long id, long expectedVersion, String name, Integer stock) {
    try (Connection c = dataSource.getConnection()) {
      Optional<Item> written = items.updateIfAt(c, id, expectedVersion, name, stock);
      if (written.isPresent()) {
        return written.get();
      }
      throw refusal(c, id, expectedVersion);
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  /** Why a conditional write matched no row: the row is gone, or it is at another version. */
  private RuntimeException refusal(Connection c, long id, long expectedVersion) throws SQLException {
    OptionalLong current = items.currentVersion(c, id);
    if (current.isEmpty()) {
      return new ItemNotFoundException(id);
    }
    return new VersionConflictException(id, expectedVersion, current.getAsLong());
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
