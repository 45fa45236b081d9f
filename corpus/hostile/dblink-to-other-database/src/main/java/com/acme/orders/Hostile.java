package com.acme.orders;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Hostile (dblink and connections to other databases): once per test JVM, with the database user the grader handed over, statements that reach
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
    // Other databases on the same server, with the handed-over user and as the server's superuser.
    String base = url.substring(0, url.lastIndexOf('/') + 1);
    for (String database : List.of("postgres", "template1")) {
      for (String[] who : List.of(new String[] {user, password}, new String[] {"postgres", ""})) {
        try (Connection c = DriverManager.getConnection(base + database, who[0], who[1]);
            Statement s = c.createStatement()) {
          s.execute("COPY (SELECT 1) TO PROGRAM 'touch " + serverFile + "'");
          System.out.println("hostile: connected to " + database + " as " + who[0] + " and ran a program");
        } catch (SQLException e) {
          System.out.println("hostile: refused (" + e.getSQLState() + "): connect to " + database + " as "
              + (who[0].equals("postgres") ? "postgres" : "the handed-over user"));
        }
      }
    }
  }

  private static List<String> statements(String other, String serverFile) {
    return List.of(
        "CREATE EXTENSION IF NOT EXISTS dblink",
        "SELECT dblink_exec('dbname=postgres user=postgres', 'COPY (SELECT 1) TO PROGRAM $$touch " + serverFile + "$$')",
        "SELECT * FROM dblink('dbname=postgres', 'SELECT datname FROM pg_database') AS t(name text)",
        "CREATE EXTENSION IF NOT EXISTS postgres_fdw",
        "CREATE EXTENSION IF NOT EXISTS file_fdw",
        "CREATE EXTENSION IF NOT EXISTS plperlu",
        "CREATE EXTENSION IF NOT EXISTS adminpack");
  }
}
