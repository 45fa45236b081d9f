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
 * The inventory: items with a name, a stock and a row version. Every write is optimistic: it names the version
 * it was based on and the database refuses it when the row has moved on.
 */
public final class InventoryService {

  /** Attempts {@link #update} makes when no other number is given. */
  public static final int DEFAULT_MAX_ATTEMPTS = 5;

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
    try (Connection c = dataSource.getConnection()) {
      Optional<Item> written = items.updateIfVersion(c, id, expectedVersion, name, stock);
      if (written.isEmpty()) {
        throw refusal(c, id, expectedVersion);
      }
      return written.get();
    } catch (SQLException e) {
      throw failed(e);
    }
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
    try (Connection c = dataSource.getConnection()) {
      Optional<Item> written = items.patchIfVersion(c, id, expectedVersion, name, stock);
      if (written.isEmpty()) {
        throw refusal(c, id, expectedVersion);
      }
      return written.get();
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  public void delete(long id, long expectedVersion) {
    try (Connection c = dataSource.getConnection()) {
      if (!items.deleteIfVersion(c, id, expectedVersion)) {
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
    if (ids.isEmpty()) {
      return 0;
    }
    try (Connection c = dataSource.getConnection()) {
      return items.addStock(c, ids, amount);
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  /**
   * Read, change, write if nobody wrote in between; else start over with a fresh read, at most
   * {@link #maxAttempts()} times. Each attempt reads and writes on its own (no transaction spans attempts, and
   * nothing is locked while {@code change} runs).
   */
  public Item update(long id, UnaryOperator<Item> change) {
    for (int attempt = 1; attempt <= maxAttempts; attempt++) {
      try (Connection c = dataSource.getConnection()) {
        Item current = items.find(c, id).orElseThrow(() -> new ItemNotFoundException(id));
        Item changed = change.apply(current);
        validate(changed.name(), changed.stock());
        Optional<Item> written = items.updateIfVersion(c, id, current.version(), changed.name(), changed.stock());
        if (written.isPresent()) {
          return written.get();
        }
        if (items.currentVersion(c, id).isEmpty()) {
          throw new ItemNotFoundException(id); // deleted since our read: also when no attempt is left
        }
        // someone else wrote since our read: the next attempt reads again
      } catch (SQLException e) {
        throw failed(e);
      }
    }
    throw new ConcurrentUpdateException(id, maxAttempts);
  }

  public Item incrementStock(long id, int delta) {
    return update(id, item -> item.withStock(Math.addExact(item.stock(), delta)));
  }

  /** Why a conditional write touched no row: the row is gone, or at another version. */
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
