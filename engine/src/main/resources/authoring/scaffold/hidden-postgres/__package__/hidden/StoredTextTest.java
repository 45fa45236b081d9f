package @@PACKAGE@@.hidden;

import static org.junit.jupiter.api.Assertions.assertEquals;

import @@PACKAGE@@.WordCounter;
import dev.grader.support.postgres.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** A hidden suite that reads its data from PostgreSQL: TestDatabase gives this JVM a fresh database. */
@Tag("correctness")
class StoredTextTest {

  @Test
  void countsTheWordsOfATextStoredInTheDatabase() throws SQLException {
    try (Connection db = TestDatabase.dataSource().getConnection()) {
      try (Statement ddl = db.createStatement()) {
        ddl.execute("CREATE TABLE note (id int PRIMARY KEY, body text NOT NULL)");
      }
      try (PreparedStatement insert = db.prepareStatement("INSERT INTO note VALUES (1, ?)")) {
        insert.setString(1, "first  line\nsecond\tline");
        insert.executeUpdate();
      }
      try (Statement query = db.createStatement(); ResultSet rows = query.executeQuery("SELECT body FROM note")) {
        rows.next();
        assertEquals(4, WordCounter.count(rows.getString(1)),
            "a note of four words over two lines, with a double space and a tab");
      }
    }
  }
}
