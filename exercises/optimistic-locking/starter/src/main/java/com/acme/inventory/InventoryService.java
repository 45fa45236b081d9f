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
 * <p>Every write here is read-modify-write with no check at all: two clients that read the same item and
 * write it back both "succeed", and the first one's change is silently lost. See README.md.
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
      Item current = items.find(c, id).orElseThrow(() -> new ItemNotFoundException(id));
      // TODO: expectedVersion is ignored, and the version never changes
      Item changed = current.withName(name).withStock(stock);
      items.save(c, changed);
      return changed;
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
      Item current = items.find(c, id).orElseThrow(() -> new ItemNotFoundException(id));
      // TODO: expectedVersion is ignored, and the version never changes
      Item changed = current.withName(name == null ? current.name() : name)
          .withStock(stock == null ? current.stock() : stock);
      items.save(c, changed);
      return changed;
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  public void delete(long id, long expectedVersion) {
    try (Connection c = dataSource.getConnection()) {
      // TODO: expectedVersion is ignored
      if (!items.delete(c, id)) {
        throw new ItemNotFoundException(id);
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

  /** Reads the item, applies {@code change} and writes the result. TODO: see README, "update". */
  public Item update(long id, UnaryOperator<Item> change) {
    try (Connection c = dataSource.getConnection()) {
      Item current = items.find(c, id).orElseThrow(() -> new ItemNotFoundException(id));
      Item changed = change.apply(current);
      validate(changed.name(), changed.stock());
      Item written = new Item(id, changed.name(), changed.stock(), current.version());
      items.save(c, written);
      return written;
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  public Item incrementStock(long id, int delta) {
    return update(id, item -> item.withStock(Math.addExact(item.stock(), delta)));
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
