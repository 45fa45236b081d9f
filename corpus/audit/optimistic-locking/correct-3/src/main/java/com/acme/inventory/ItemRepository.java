package com.acme.inventory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Plain JDBC access to table {@code item}. The only way to change a row here is a statement whose {@code WHERE}
 * names the version the caller based its change on (or, for a restock, no version at all); every such statement
 * moves the version by one itself.
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
   * Writes name and stock only if the row is still at {@code basedOn}, bumping its version: true when it did.
   * The item's own version is ignored.
   */
  boolean saveIfAt(Connection c, Item item, long basedOn) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "UPDATE item SET name = ?, stock = ?, version = version + 1 WHERE id = ? AND version = ?")) {
      ps.setString(1, item.name());
      ps.setInt(2, item.stock());
      ps.setLong(3, item.id());
      ps.setLong(4, basedOn);
      return ps.executeUpdate() == 1;
    }
  }

  boolean deleteIfAt(Connection c, long id, long basedOn) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("DELETE FROM item WHERE id = ? AND version = ?")) {
      ps.setLong(1, id);
      ps.setLong(2, basedOn);
      return ps.executeUpdate() == 1;
    }
  }

  /**
   * Adds {@code amount} to the stock of every listed item in one statement, bumping each version. The ids go
   * over as one array literal ({@code {1,2,3}}), so any number of them is one parameter.
   */
  int addStock(Connection c, List<Long> ids, int amount) throws SQLException {
    String literal = ids.stream().map(String::valueOf).collect(Collectors.joining(",", "{", "}"));
    try (PreparedStatement ps = c.prepareStatement(
        "UPDATE item SET stock = stock + ?, version = version + 1 WHERE id = ANY (CAST(? AS bigint[]))")) {
      ps.setInt(1, amount);
      ps.setString(2, literal);
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
