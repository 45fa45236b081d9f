package com.acme.inventory;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;

/**
 * The inventory: items with a name, a stock and a row version.
 *
 * <p>Optimistic concurrency control: every conditional write is a single compare-and-set statement
 * ({@code ... WHERE id = ? AND version = ?}) that bumps the version by one. Nothing is locked between a read
 * and a write, and no transaction spans more than one statement: each statement runs in autocommit mode.
 * When a compare-and-set matches no row, a fresh read tells "gone" (404) from "moved on" (412) apart.
 */
public final class InventoryService {

  /** Attempts {@link #update} makes when no other number is given. */
  public static final int DEFAULT_MAX_ATTEMPTS = 5;

  /** Upper bound (exclusive) of the random pause between two attempts of {@link #update}, in milliseconds. */
  private static final int MAX_PAUSE_MILLIS = 3;

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
    try (Connection c = open()) {
      return items.find(c, id);
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  public Item create(String name, int stock) {
    validate(name, stock);
    try (Connection c = open()) {
      return items.insert(c, name, stock);
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  public Item replace(long id, long expectedVersion, String name, int stock) {
    validate(name, stock);
    return writeOrRefuse(id, expectedVersion, name, stock);
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
    return writeOrRefuse(id, expectedVersion, name, stock);
  }

  public void delete(long id, long expectedVersion) {
    try (Connection c = open()) {
      boolean deleted;
      try {
        deleted = items.deleteIfAt(c, id, expectedVersion);
      } catch (SQLException e) {
        if (!isWriteConflict(e)) {
          throw e;
        }
        deleted = false;
      }
      if (!deleted) {
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
    if (ids == null || ids.stream().anyMatch(Objects::isNull)) { // List.of(..).contains(null) would throw
      throw new IllegalArgumentException("ids must be a list of item ids");
    }
    if (ids.isEmpty()) {
      return 0;
    }
    try (Connection c = open()) {
      return items.addStock(c, ids, amount);
    } catch (SQLException e) {
      if ("22003".equals(e.getSQLState())) { // numeric_value_out_of_range: a stock would overflow
        throw new IllegalArgumentException("restocking by " + amount + " would overflow a stock", e);
      }
      throw failed(e);
    }
  }

  /**
   * Read-modify-write with retries: each attempt reads the item afresh, applies {@code change} once and
   * writes the result only if the row is still at the version just read. Up to {@link #maxAttempts()}
   * attempts, then {@link ConcurrentUpdateException}.
   */
  public Item update(long id, UnaryOperator<Item> change) {
    Objects.requireNonNull(change, "change");
    // One connection for the call, in autocommit mode: every read and every write is its own transaction,
    // so nothing is locked or kept open while change runs, and no transaction spans attempts.
    try (Connection c = open()) {
      for (int attempt = 1; ; attempt++) {
        Item current = items.find(c, id).orElseThrow(() -> new ItemNotFoundException(id));
        Item changed = change.apply(current);
        if (changed == null) {
          throw new IllegalArgumentException("the change returned no item");
        }
        validate(changed.name(), changed.stock());
        Optional<Item> written = compareAndSet(c, id, current.version(), changed.name(), changed.stock());
        if (written.isPresent()) {
          return written.get();
        }
        if (items.currentVersion(c, id).isEmpty()) {
          throw new ItemNotFoundException(id);
        }
        if (attempt >= maxAttempts) {
          throw new ConcurrentUpdateException(id, maxAttempts);
        }
        pauseBeforeRetry();
      }
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  public Item incrementStock(long id, int delta) {
    return update(id, item -> item.withStock(Math.addExact(item.stock(), delta)));
  }

  /** A conditional write that either succeeds or throws why not (404 or 412). */
  private Item writeOrRefuse(long id, long expectedVersion, String name, Integer stock) {
    try (Connection c = open()) {
      Optional<Item> written = compareAndSet(c, id, expectedVersion, name, stock);
      if (written.isPresent()) {
        return written.get();
      }
      throw refusal(c, id, expectedVersion);
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  private Optional<Item> compareAndSet(Connection c, long id, long expectedVersion, String name, Integer stock)
      throws SQLException {
    try {
      return items.writeIfAt(c, id, expectedVersion, name, stock);
    } catch (SQLException e) {
      if (isWriteConflict(e)) {
        return Optional.empty(); // only possible when the data source runs above READ COMMITTED
      }
      throw e;
    }
  }

  /** Why a conditional write matched no row, read afresh. */
  private RuntimeException refusal(Connection c, long id, long expectedVersion) throws SQLException {
    OptionalLong current = items.currentVersion(c, id);
    if (current.isEmpty()) {
      return new ItemNotFoundException(id);
    }
    return new VersionConflictException(id, expectedVersion, current.getAsLong());
  }

  /** serialization_failure or deadlock_detected: another writer won. */
  private static boolean isWriteConflict(SQLException e) {
    return "40001".equals(e.getSQLState()) || "40P01".equals(e.getSQLState());
  }

  private static void pauseBeforeRetry() {
    try {
      Thread.sleep(ThreadLocalRandom.current().nextInt(MAX_PAUSE_MILLIS));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** A connection of its own for one call; every statement commits by itself. */
  private Connection open() throws SQLException {
    Connection c = dataSource.getConnection();
    try {
      if (!c.getAutoCommit()) {
        c.setAutoCommit(true);
      }
      return c;
    } catch (SQLException e) {
      c.close();
      throw e;
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
