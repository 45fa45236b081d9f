package com.acme.inventory;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;

/**
 * The inventory: items with a name, a stock and a row version.
 *
 * <p>Optimistic concurrency control: every change is an UPDATE or DELETE whose WHERE names the version it was
 * based on, so the database refuses it when someone else wrote first. No lock is taken beyond that statement.
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
    return writeIfAt(id, expectedVersion, current -> current.withName(name).withStock(stock));
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
    return writeIfAt(id, expectedVersion, current -> current.withName(name == null ? current.name() : name)
        .withStock(stock == null ? current.stock() : stock));
  }

  public void delete(long id, long expectedVersion) {
    try (Connection c = dataSource.getConnection()) {
      if (!items.deleteIfAt(c, id, expectedVersion)) {
        throw whyRefused(c, id, expectedVersion);
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
      if ("22003".equals(e.getSQLState())) { // numeric_value_out_of_range: a stock past Integer.MAX_VALUE
        throw new IllegalArgumentException("restocking by " + amount + " would overflow a stock", e);
      }
      throw failed(e);
    }
  }

  /**
   * Read-modify-write, retried: each attempt reads the row afresh (its own connection, closed before
   * {@code change} runs), applies {@code change} once, and writes only if the row is still at the version read.
   */
  public Item update(long id, UnaryOperator<Item> change) {
    for (int attempt = 0; attempt < maxAttempts; attempt++) {
      Item current = find(id).orElseThrow(() -> new ItemNotFoundException(id));
      Item changed = change.apply(current);
      if (changed == null) {
        throw new IllegalArgumentException("the change returned no item");
      }
      validate(changed.name(), changed.stock());
      Item toWrite = new Item(id, changed.name(), changed.stock(), current.version());
      try (Connection c = dataSource.getConnection()) {
        if (items.saveIfAt(c, toWrite, current.version())) {
          return new Item(id, toWrite.name(), toWrite.stock(), current.version() + 1);
        }
        if (items.find(c, id).isEmpty()) {
          throw new ItemNotFoundException(id);
        }
      } catch (SQLException e) {
        throw failed(e);
      }
    }
    throw new ConcurrentUpdateException(id, maxAttempts);
  }

  public Item incrementStock(long id, int delta) {
    return update(id, item -> item.withStock(Math.addExact(item.stock(), delta)));
  }

  /**
   * A conditional write of name and stock: the row is read, refused at once if it is not at
   * {@code expectedVersion}, and otherwise written with {@code expectedVersion} in the UPDATE's WHERE, so that a
   * writer who commits between the read and the write still makes it fail. As stored after it: the fields
   * written and {@code expectedVersion + 1}, which the UPDATE set in the same statement.
   */
  private Item writeIfAt(long id, long expectedVersion, UnaryOperator<Item> merge) {
    try (Connection c = dataSource.getConnection()) {
      Item current = items.find(c, id).orElseThrow(() -> new ItemNotFoundException(id));
      if (current.version() != expectedVersion) {
        throw new VersionConflictException(id, expectedVersion, current.version());
      }
      Item changed = merge.apply(current);
      if (!items.saveIfAt(c, changed, expectedVersion)) {
        throw whyRefused(c, id, expectedVersion);
      }
      return new Item(id, changed.name(), changed.stock(), expectedVersion + 1);
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  /** A conditional write matched nothing: the row has gone (404) or moved on (412). */
  private RuntimeException whyRefused(Connection c, long id, long expectedVersion) throws SQLException {
    Optional<Item> now = items.find(c, id);
    if (now.isEmpty()) {
      return new ItemNotFoundException(id);
    }
    return new VersionConflictException(id, expectedVersion, now.get().version());
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
