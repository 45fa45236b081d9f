package com.acme.inventory;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;
import java.util.Optional;

/**
 * Plain JDBC access to table {@code item}.
 *
 * <p>Every write that changes a row also moves its version up by exactly one, in the same statement. The
 * conditional writes compare the version in their own {@code WHERE} clause, so the check and the write are one
 * atomic step in the database: no read beforehand, no lock.
 */
final class ItemRepository {

  private static final String COLUMNS = "id, name, stock, version";

  Optional<Item> find(Connection c, long id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM item WHERE id = ?")) {
      ps.setLong(1, id);
      return single(ps);
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
   * Writes name and stock and bumps the version, only if the row is at {@code expectedVersion} when the
   * statement runs. Empty when no row was at that version (moved on, or gone).
   */
  Optional<Item> updateIfVersion(Connection c, long id, long expectedVersion, String name, int stock)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "UPDATE item SET name = ?, stock = ?, version = version + 1 WHERE id = ? AND version = ? RETURNING "
            + COLUMNS)) {
      ps.setString(1, name);
      ps.setInt(2, stock);
      ps.setLong(3, id);
      ps.setLong(4, expectedVersion);
      return single(ps);
    }
  }

  /**
   * Writes the non-null fields and bumps the version (once, whatever the number of fields), only if the row is at
   * {@code expectedVersion} when the statement runs.
   */
  Optional<Item> patchIfVersion(Connection c, long id, long expectedVersion, String name, Integer stock)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "UPDATE item SET name = COALESCE(CAST(? AS TEXT), name), stock = COALESCE(CAST(? AS INTEGER), stock),"
            + " version = version + 1 WHERE id = ? AND version = ? RETURNING " + COLUMNS)) {
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

  /** Deletes the row only if it is at {@code expectedVersion} when the statement runs. */
  boolean deleteIfVersion(Connection c, long id, long expectedVersion) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("DELETE FROM item WHERE id = ? AND version = ?")) {
      ps.setLong(1, id);
      ps.setLong(2, expectedVersion);
      return ps.executeUpdate() == 1;
    }
  }

  /**
   * Adds {@code amount} to the stock of every listed item in one statement, bumping each changed row's version
   * by one.
   */
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
