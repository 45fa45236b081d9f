package com.acme.inventory;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Plain JDBC access to table {@code item}.
 *
 * <p>Every write that changes a row bumps its version by one in the same statement. Conditional writes are
 * compare-and-set statements: the version check is part of the {@code WHERE} clause, so the check and the
 * write are one atomic step in the database, and no row is locked beyond that single statement.
 */
final class ItemRepository {

  private static final String COLUMNS = "id, name, stock, version";

  Optional<Item> find(Connection c, long id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM item WHERE id = ?")) {
      ps.setLong(1, id);
      return single(ps);
    }
  }

  /** The row's version as of now, or empty when there is no such row. */
  OptionalLong currentVersion(Connection c, long id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT version FROM item WHERE id = ?")) {
      ps.setLong(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? OptionalLong.of(rs.getLong(1)) : OptionalLong.empty();
      }
    }
  }

  Item insert(Connection c, String name, int stock) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO item (name, stock, version) VALUES (?, ?, 1) RETURNING " + COLUMNS)) {
      ps.setString(1, name);
      ps.setInt(2, stock);
      return single(ps).orElseThrow();
    }
  }

  /**
   * Compare-and-set: writes the non-null fields and bumps the version, only if the row is still at
   * {@code expectedVersion}. Empty when no row matched (gone, or at another version).
   */
  Optional<Item> writeIfAt(Connection c, long id, long expectedVersion, String name, Integer stock)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "UPDATE item SET name = COALESCE(?, name), stock = COALESCE(?, stock), version = version + 1"
            + " WHERE id = ? AND version = ? RETURNING " + COLUMNS)) {
      if (name == null) {
        ps.setNull(1, Types.VARCHAR);
      } else {
        ps.setString(1, name);
      }
      if (stock == null) {
        ps.setNull(2, Types.INTEGER);
      } else {
        ps.setInt(2, stock);
      }
      ps.setLong(3, id);
      ps.setLong(4, expectedVersion);
      return single(ps);
    }
  }

  /** Deletes the row only if it is still at {@code expectedVersion}; false when no row matched. */
  boolean deleteIfAt(Connection c, long id, long expectedVersion) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("DELETE FROM item WHERE id = ? AND version = ?")) {
      ps.setLong(1, id);
      ps.setLong(2, expectedVersion);
      return ps.executeUpdate() == 1;
    }
  }

  /** Adds {@code amount} to the stock of every listed item in one statement, bumping each one's version. */
  int addStock(Connection c, List<Long> ids, int amount) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "UPDATE item SET stock = stock + ?, version = version + 1 WHERE id = ANY (?)")) {
      Array array = c.createArrayOf("bigint", ids.toArray());
      try {
        ps.setInt(1, amount);
        ps.setArray(2, array);
        return ps.executeUpdate();
      } finally {
        array.free();
      }
    }
  }

  private static Optional<Item> single(PreparedStatement ps) throws SQLException {
    try (ResultSet rs = ps.executeQuery()) {
      if (!rs.next()) {
        return Optional.empty();
      }
      return Optional.of(new Item(rs.getLong("id"), rs.getString("name"), rs.getInt("stock"), rs.getLong("version")));
    }
  }
}
