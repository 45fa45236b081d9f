package com.acme.inventory;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** Plain JDBC access to table {@code item}. */
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

  /** Overwrites name and stock of the row. */
  boolean save(Connection c, Item item) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("UPDATE item SET name = ?, stock = ? WHERE id = ?")) {
      ps.setString(1, item.name());
      ps.setInt(2, item.stock());
      ps.setLong(3, item.id());
      return ps.executeUpdate() == 1;
    }
  }

  boolean delete(Connection c, long id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("DELETE FROM item WHERE id = ?")) {
      ps.setLong(1, id);
      return ps.executeUpdate() == 1;
    }
  }

  /** Adds {@code amount} to the stock of every listed item in one statement. */
  int addStock(Connection c, List<Long> ids, int amount) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("UPDATE item SET stock = stock + ? WHERE id = ANY (?)")) {
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
