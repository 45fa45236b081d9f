package dev.grader.support.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** TestDatabase as a candidate's {@code mvn test} uses it: no grader properties, a server of its own. */
@Tag("database")
class TestDatabaseTest {

    @Test
    void givesAFreshEmptyDatabaseOncePerJvmAndMoreOnRequest() throws SQLException {
        long t0 = System.nanoTime();
        DataSource ds = TestDatabase.dataSource();
        System.out.printf(
                "[timing] TestDatabase.dataSource() first call: %d ms (%s)%n",
                (System.nanoTime() - t0) / 1_000_000, TestDatabase.description());
        assertSame(ds, TestDatabase.dataSource());
        String name;
        try (Connection c = ds.getConnection();
                Statement s = c.createStatement()) {
            name = scalar(s, "SELECT current_database()");
            assertTrue(name.startsWith("grader_test_"), name);
            assertEquals(
                    "0", scalar(s, "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'"));
        }
        assertTrue(TestDatabase.jdbcUrl().endsWith("/" + name), TestDatabase.jdbcUrl());
        assertTrue(TestDatabase.user() != null && TestDatabase.password() != null);

        long t1 = System.nanoTime();
        DataSource another = TestDatabase.newDatabase();
        try (Connection c = another.getConnection();
                Statement s = c.createStatement()) {
            System.out.printf("[timing] TestDatabase.newDatabase(): %d ms%n", (System.nanoTime() - t1) / 1_000_000);
            assertNotEquals(name, scalar(s, "SELECT current_database()"));
        }
    }

    private static String scalar(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
