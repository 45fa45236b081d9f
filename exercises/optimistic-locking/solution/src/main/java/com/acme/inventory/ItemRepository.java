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

/** Plain JDBC access to table {@code item}. Every write is conditional on the row version and bumps it by one. */
final class ItemRepository {

  private static final String COLUMNS = "id, name, stock, version";

  Optional<Item> find(Connection c, long id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM item WHERE id = ?")) {
      ps.setLong(1, id);
      return single(ps);
    }
  }

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
   * Writes name and stock only if the row is still at {@code expectedVersion}, bumping the version by one, in
   * one statement: the database checks and writes atomically. Empty when the row is at another version or gone.
   */
  Optional<Item> updateIfVersion(Connection c, long id, long expectedVersion, String name, int stock)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("UPDATE item SET name = ?, stock = ?, version = version + 1"
        + " WHERE id = ? AND version = ? RETURNING " + COLUMNS)) {
      ps.setString(1, name);
      ps.setInt(2, stock);
      ps.setLong(3, id);
      ps.setLong(4, expectedVersion);
      return single(ps);
    }
  }

  /** Like {@link #updateIfVersion}, for the fields given (null: unchanged). */
  Optional<Item> patchIfVersion(Connection c, long id, long expectedVersion, String name, Integer stock)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("UPDATE item SET name = COALESCE(?, name),"
        + " stock = COALESCE(?, stock), version = version + 1 WHERE id = ? AND version = ? RETURNING " + COLUMNS)) {
      ps.setString(1, name);
      ps.setObject(2, stock, Types.INTEGER);
      ps.setLong(3, id);
      ps.setLong(4, expectedVersion);
      return single(ps);
    }
  }

  /** Deletes the row only if it is still at {@code expectedVersion}. */
  boolean deleteIfVersion(Connection c, long id, long expectedVersion) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("DELETE FROM item WHERE id = ? AND version = ?")) {
      ps.setLong(1, id);
      ps.setLong(2, expectedVersion);
      return ps.executeUpdate() == 1;
    }
  }

  /** Adds {@code amount} to the stock of every listed item in one statement; each row's version goes up by one. */
  int addStock(Connection c, List<Long> ids, int amount) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "UPDATE item SET stock = stock + ?, version = version + 1 WHERE id = ANY (?)")) {
      Array array = c.createArrayOf("bigint", ids.toArray());
      ps.setInt(1, amount);
      ps.setArray(2, array);
      return ps.executeUpdate();
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
