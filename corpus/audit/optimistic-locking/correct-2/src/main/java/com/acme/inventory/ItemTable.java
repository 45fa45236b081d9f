package com.acme.inventory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Table {@code item}, one short transaction per operation. Conditional writes are a single {@code UPDATE} /
 * {@code DELETE} whose {@code WHERE} names the expected version; the version moves by one in that same statement.
 */
final class ItemTable {

  /** What a conditional write found. */
  sealed interface Outcome permits Written, Deleted, Moved, Missing {}

  record Written(Item item) implements Outcome {}

  record Deleted() implements Outcome {}

  record Moved(long currentVersion) implements Outcome {}

  record Missing() implements Outcome {}

  private static final String SELECT_ROW = "SELECT id, name, stock, version FROM item WHERE id = ?";

  private final DataSource db;

  ItemTable(DataSource db) {
    this.db = db;
  }

  Optional<Item> get(long id) throws SQLException {
    try (Connection c = db.getConnection()) {
      return readRow(c, id);
    }
  }

  Item add(String name, int stock) throws SQLException {
    try (Connection c = db.getConnection();
        PreparedStatement st = c.prepareStatement(
            "INSERT INTO item (name, stock) VALUES (?, ?) RETURNING id, name, stock, version")) {
      st.setString(1, name);
      st.setInt(2, stock);
      try (ResultSet rs = st.executeQuery()) {
        rs.next();
        return toItem(rs);
      }
    }
  }

  /**
   * {@code UPDATE item SET <fields>, version = version + 1 WHERE id = ? AND version = ?}; a null field is left
   * out of the statement. Within the same transaction the row is read back (our own write, still locked by it)
   * or, when nothing matched, its current version is read to say why.
   */
  Outcome setIfAt(long id, long version, String name, Integer stock) throws SQLException {
    List<String> sets = new ArrayList<>();
    if (name != null) {
      sets.add("name = ?");
    }
    if (stock != null) {
      sets.add("stock = ?");
    }
    sets.add("version = version + 1");
    String sql = "UPDATE item SET " + String.join(", ", sets) + " WHERE id = ? AND version = ?";
    return inTransaction(c -> {
      int changed;
      try (PreparedStatement st = c.prepareStatement(sql)) {
        int i = 1;
        if (name != null) {
          st.setString(i++, name);
        }
        if (stock != null) {
          st.setInt(i++, stock);
        }
        st.setLong(i++, id);
        st.setLong(i, version);
        changed = st.executeUpdate();
      }
      if (changed == 1) {
        return new Written(readRow(c, id).orElseThrow());
      }
      return whyNot(c, id);
    });
  }

  Outcome removeIfAt(long id, long version) throws SQLException {
    return inTransaction(c -> {
      try (PreparedStatement st = c.prepareStatement("DELETE FROM item WHERE id = ? AND version = ?")) {
        st.setLong(1, id);
        st.setLong(2, version);
        if (st.executeUpdate() == 1) {
          return new Deleted();
        }
      }
      return whyNot(c, id);
    });
  }

  int addToStock(List<Long> ids, int amount) throws SQLException {
    try (Connection c = db.getConnection();
        PreparedStatement st = c.prepareStatement(
            "UPDATE item SET stock = stock + ?, version = version + 1 WHERE id IN (SELECT unnest(?::bigint[]))")) {
      st.setInt(1, amount);
      st.setArray(2, c.createArrayOf("bigint", ids.toArray(new Long[0])));
      return st.executeUpdate();
    }
  }

  private interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  private <T> T inTransaction(Work<T> work) throws SQLException {
    try (Connection c = db.getConnection()) {
      c.setAutoCommit(false);
      try {
        T result = work.run(c);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    }
  }

  private static Outcome whyNot(Connection c, long id) throws SQLException {
    try (PreparedStatement st = c.prepareStatement("SELECT version FROM item WHERE id = ?")) {
      st.setLong(1, id);
      try (ResultSet rs = st.executeQuery()) {
        return rs.next() ? new Moved(rs.getLong(1)) : new Missing();
      }
    }
  }

  private static Optional<Item> readRow(Connection c, long id) throws SQLException {
    try (PreparedStatement st = c.prepareStatement(SELECT_ROW)) {
      st.setLong(1, id);
      try (ResultSet rs = st.executeQuery()) {
        return rs.next() ? Optional.of(toItem(rs)) : Optional.empty();
      }
    }
  }

  private static Item toItem(ResultSet rs) throws SQLException {
    return new Item(rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getLong(4));
  }
}
