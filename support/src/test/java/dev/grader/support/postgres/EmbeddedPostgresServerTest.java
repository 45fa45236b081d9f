package dev.grader.support.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grader.support.docker.DockerProbe;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Really starts embedded PostgreSQL (zonky). Prints how long the start and a fresh database take; asserts
 * nothing about speed.
 */
@Tag("database")
class EmbeddedPostgresServerTest {

    private static PostgresServer server;

    @BeforeAll
    static void start() throws PostgresUnavailableException {
        long t0 = System.nanoTime();
        server = PostgresServers.start(
                PostgresSettings.of(PostgresMode.EMBEDDED), DockerProbe.fixed(false, "not asked"));
        System.out.printf(
                "[timing] embedded start: %d ms (%s)%n", (System.nanoTime() - t0) / 1_000_000, server.description());
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
            server.close(); // a second close does nothing
        }
    }

    @Test
    void describesItself() {
        assertEquals(PostgresMode.EMBEDDED, server.kind());
        assertTrue(server.description().matches("embedded PostgreSQL 16\\.\\d+ \\(zonky\\)"), server.description());
        assertEquals("postgres", server.user());
        assertTrue(server.jdbcUrl("db1").matches("jdbc:postgresql://localhost:\\d+/db1"), server.jdbcUrl("db1"));
    }

    @Test
    void freshDatabasesAreSeparateAndCanBeDropped() throws SQLException {
        String first = TestDatabase.freshName();
        String second = TestDatabase.freshName();
        long t0 = System.nanoTime();
        server.createDatabase(first);
        long t1 = System.nanoTime();
        server.createDatabase(second);
        long t2 = System.nanoTime();
        System.out.printf("[timing] fresh database: %d ms, then %d ms%n", (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000);

        try (Connection a = connect(first);
                Connection b = connect(second);
                Statement sa = a.createStatement();
                Statement sb = b.createStatement()) {
            assertEquals(first, scalar(sa, "SELECT current_database()"));
            assertEquals(second, scalar(sb, "SELECT current_database()"));
            sa.execute("CREATE TABLE only_in_first (id int primary key)");
            sa.execute("INSERT INTO only_in_first VALUES (1), (2)");
            assertEquals("2", scalar(sa, "SELECT count(*) FROM only_in_first"));
            assertEquals(
                    "0",
                    scalar(sb, "SELECT count(*) FROM information_schema.tables WHERE table_name = 'only_in_first'"),
                    "a table made in the first database shows in the second");
        }

        long t3 = System.nanoTime();
        server.dropDatabase(first);
        server.dropDatabase(second);
        System.out.printf("[timing] drop two databases: %d ms%n", (System.nanoTime() - t3) / 1_000_000);
        assertFalse(exists(first), first + " still exists");
        assertFalse(exists(second), second + " still exists");
        server.dropDatabase(first); // dropping a dropped database is fine
    }

    @Test
    void dropDisconnectsOpenSessions() throws SQLException {
        String name = TestDatabase.freshName();
        server.createDatabase(name);
        try (Connection open = connect(name)) {
            assertTrue(open.isValid(2));
            server.dropDatabase(name);
            assertFalse(exists(name));
        }
    }

    @Test
    void fiveMoreFreshDatabases() {
        long total = 0;
        long worst = 0;
        for (int i = 0; i < 5; i++) {
            String name = TestDatabase.freshName();
            long t0 = System.nanoTime();
            server.createDatabase(name);
            long took = System.nanoTime() - t0;
            total += took;
            worst = Math.max(worst, took);
            server.dropDatabase(name);
        }
        System.out.printf(
                "[timing] fresh database: mean %d ms, worst %d ms over 5%n", total / 5 / 1_000_000, worst / 1_000_000);
    }

    @Test
    void refusesUnsafeNames() {
        assertThrows(IllegalArgumentException.class, () -> server.createDatabase("x\"; DROP DATABASE postgres; --"));
    }

    @Test
    void testDatabaseUsesTheGradersDatabaseWhenPropertiesAreSet() throws SQLException {
        String name = TestDatabase.freshName();
        server.createDatabase(name);
        Properties p = new Properties();
        p.setProperty(TestDatabase.URL_PROPERTY, server.jdbcUrl(name));
        p.setProperty(TestDatabase.USER_PROPERTY, server.user());
        p.setProperty(TestDatabase.PASSWORD_PROPERTY, server.password());
        p.setProperty(TestDatabase.ADMIN_URL_PROPERTY, server.jdbcUrl("postgres"));
        p.setProperty(TestDatabase.KIND_PROPERTY, server.description());
        TestDatabase.Backend provided = TestDatabase.Backend.provided(p);
        assertEquals(server.jdbcUrl(name), provided.url);
        assertTrue(provided.description.contains(server.description()), provided.description);
        try (Connection c = provided.dataSource.getConnection();
                Statement s = c.createStatement()) {
            assertEquals(name, scalar(s, "SELECT current_database()"));
        }
        DataSource another = provided.newDatabase();
        try (Connection c = another.getConnection();
                Statement s = c.createStatement()) {
            String anotherName = scalar(s, "SELECT current_database()");
            assertTrue(anotherName.startsWith("grader_test_") && !anotherName.equals(name), anotherName);
        }
        server.dropDatabase(name);
    }

    private static Connection connect(String database) throws SQLException {
        return TestDatabase.dataSource(server.jdbcUrl(database), server.user(), server.password())
                .getConnection();
    }

    private static boolean exists(String database) throws SQLException {
        try (Connection c = connect("postgres");
                Statement s = c.createStatement()) {
            return "1".equals(scalar(s, "SELECT count(*) FROM pg_database WHERE datname = '" + database + "'"));
        }
    }

    private static String scalar(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
