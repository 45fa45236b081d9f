package dev.grader.support.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Reused connections on a real PostgreSQL: the same server session again, reset to what a new connection would be. */
@Tag("database")
class ReusedConnectionsTest {

    private final DataSource database = TestDatabase.newDatabase();

    @Test
    void aConnectionHandedBackIsReusedWithNothingOfItsUseLeft() throws SQLException {
        DataSource reused = ReusedConnections.over(database);
        String pid;
        try (Connection c = reused.getConnection();
                Statement s = c.createStatement()) {
            pid = scalar(s, "SELECT pg_backend_pid()");
            s.execute("CREATE TABLE t (x int)");
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
            s.execute("INSERT INTO t VALUES (1)");
            s.execute("SET statement_timeout = 1234");
            // closed with the transaction open: rolled back, as closing a real connection would
        }
        try (Connection c = reused.getConnection();
                Statement s = c.createStatement()) {
            assertEquals(pid, scalar(s, "SELECT pg_backend_pid()"), "the same server session");
            assertTrue(c.getAutoCommit());
            assertEquals("0", scalar(s, "SELECT count(*) FROM t"), "the open transaction was rolled back");
            assertEquals("read committed", scalar(s, "SHOW transaction_isolation"));
            assertEquals("0", scalar(s, "SHOW statement_timeout"));
        }
    }

    @Test
    void aConnectionWhoseSchemaChangedIsClosedNotReused() throws SQLException {
        DataSource reused = ReusedConnections.over(database);
        String pid;
        try (Connection c = reused.getConnection();
                Statement s = c.createStatement()) {
            pid = scalar(s, "SELECT pg_backend_pid()");
            c.setSchema("pg_catalog");
        }
        try (Connection c = reused.getConnection();
                Statement s = c.createStatement()) {
            assertNotEquals(pid, scalar(s, "SELECT pg_backend_pid()"), "a new session");
            assertEquals("public", scalar(s, "SELECT current_schema()"));
        }
    }

    @Test
    void aClosedHandleRefusesCallsLikeAClosedConnection() throws SQLException {
        Connection c = ReusedConnections.over(database).getConnection();
        c.close();
        c.close(); // twice is harmless, as for a real connection
        assertTrue(c.isClosed());
        SQLException e = assertThrows(SQLException.class, c::createStatement);
        assertEquals("08003", e.getSQLState());
    }

    private static String scalar(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
