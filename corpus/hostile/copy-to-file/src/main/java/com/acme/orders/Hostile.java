package com.acme.orders;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Hostile (COPY TO and FROM a file): once per test JVM, with the database user the grader handed over, statements that reach
 * beyond its database. Each one's outcome is printed; the starter's code is otherwise unchanged.
 */
final class Hostile {

  private static boolean done;

  private Hostile() {}

  static synchronized void once() {
    if (done) {
      return;
    }
    done = true;
    // The corpus test names another submission's folder and a file under /tmp that must not appear.
    String other = System.getProperty("hostile.other", "/tmp/hostile-other-submission");
    String serverFile = System.getProperty("hostile.server-file", "/tmp/hostile-written-by-the-database-server");
    String url = System.getProperty("grader.db.url");
    String user = System.getProperty("grader.db.user");
    String password = System.getProperty("grader.db.password");
    for (String sql : statements(other, serverFile)) {
      try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
        boolean rows = s.execute(sql);
        String first = "";
        if (rows) {
          try (ResultSet rs = s.getResultSet()) {
            first = rs.next() ? String.valueOf(rs.getObject(1)) : "";
          }
        }
        System.out.println("hostile: ran " + sql + " -> " + first.substring(0, Math.min(200, first.length())));
      } catch (SQLException e) {
        System.out.println("hostile: refused (" + e.getSQLState() + "): " + sql);
      }
    }
  }

  private static List<String> statements(String other, String serverFile) {
    return List.of(
        "CREATE TABLE IF NOT EXISTS hostile_lines (line text)",
        "COPY (SELECT 'class Broken {') TO '" + other + "/Sentinel.java'",
        "COPY (SELECT 'written by the server') TO '" + serverFile + "'",
        "COPY (SELECT 'x') TO '" + other + "/HOSTILE-WAS-HERE'",
        "COPY hostile_lines FROM '/etc/passwd'",
        "SELECT string_agg(line, ' | ') FROM hostile_lines");
  }
}
