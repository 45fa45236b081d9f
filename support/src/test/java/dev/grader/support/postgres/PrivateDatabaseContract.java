package dev.grader.support.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The role a submission's tests are handed on a really started PostgreSQL (each subclass starts one its own way): it
 * does what the exercises need in its own database and none of what reaches the server's files, programs, other
 * databases or roles.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class PrivateDatabaseContract {

    /** Where a command run by the server would leave a trace; never written when the role is refused. */
    private static final Path SENTINEL = Path.of("/tmp/dbiso-private-database-sentinel");

    private static final String PERMISSION_DENIED = "42501";

    private PostgresServer server;
    private PrivateDatabase own;
    private PrivateDatabase other;

    /** Starts the server under test. */
    abstract PostgresServer startServer() throws PostgresUnavailableException;

    @BeforeAll
    void start() throws PostgresUnavailableException {
        server = startServer();
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void lease() throws Exception {
        Files.deleteIfExists(SENTINEL);
        own = server.createPrivateDatabase(TestDatabase.freshName());
        other = server.createPrivateDatabase(TestDatabase.freshName());
    }

    @AfterEach
    void release() throws Exception {
        server.dropPrivateDatabase(own);
        server.dropPrivateDatabase(other);
        assertFalse(Files.exists(SENTINEL), "the server wrote " + SENTINEL + " for the handed-out role");
    }

    @Test
    void theRoleHasNoPowerBeyondItsDatabase() throws SQLException {
        try (Connection c = connect(own);
                Statement s = c.createStatement()) {
            assertEquals(
                    "f f f f f",
                    scalar(
                            s,
                            "SELECT concat_ws(' ', rolsuper, rolcreatedb, rolcreaterole, rolreplication,"
                                    + " rolbypassrls) FROM pg_roles WHERE rolname = current_user"));
            assertEquals(
                    "0",
                    scalar(
                            s,
                            "SELECT count(*) FROM pg_auth_members WHERE member = "
                                    + "(SELECT oid FROM pg_roles WHERE rolname = current_user)"),
                    "member of a role (so INHERIT gives it nothing but its database's public schema)");
            assertEquals(
                    own.role(),
                    scalar(s, "SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = current_database()"));
        }
    }

    @Test
    void theRoleDoesWhatTheExercisesNeed() throws SQLException {
        try (Connection c = connect(own);
                Statement s = c.createStatement()) {
            s.execute("CREATE SEQUENCE order_ids");
            s.execute(
                    "CREATE TABLE public.orders (id bigint PRIMARY KEY DEFAULT nextval('order_ids'), customer text, version int)");
            s.execute("CREATE INDEX orders_customer ON orders (customer)");
            s.execute("INSERT INTO orders (customer, version) VALUES ('a', 0), ('b', 0)");
            s.execute("UPDATE orders SET version = version + 1 WHERE customer = 'a'");
            s.execute("CREATE TEMPORARY TABLE scratch (x int)");
            s.execute("CREATE SCHEMA another");
            s.execute("CREATE TABLE another.t (x int)");
            assertEquals("2", scalar(s, "SELECT count(*) FROM orders"));
            s.execute("DROP TABLE orders");
        }
    }

    @Test
    void theRoleCannotRunProgramsOrReachTheServersFiles() throws SQLException {
        try (Connection c = connect(own);
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (x int)");
            denied(s, "COPY (SELECT 1) TO PROGRAM 'touch " + SENTINEL + "'");
            denied(s, "COPY t TO '" + SENTINEL + "'");
            denied(s, "COPY t FROM '/etc/hostname'");
            denied(s, "SELECT pg_read_file('/etc/hostname')");
            denied(s, "SELECT pg_read_binary_file('/etc/hostname')");
            denied(s, "SELECT pg_ls_dir('.')");
            denied(s, "SELECT lo_import('/etc/hostname')");
            denied(s, "SELECT lo_export(lo_create(0), '" + SENTINEL + "')");
            denied(s, "CREATE EXTENSION dblink");
            denied(s, "CREATE EXTENSION file_fdw");
            denied(s, "CREATE ROLE another LOGIN");
            denied(s, "CREATE DATABASE another");
            denied(s, "ALTER SYSTEM SET log_directory = '/tmp'");
            denied(s, "GRANT pg_execute_server_program TO CURRENT_USER");
        }
    }

    @Test
    void theRoleCannotConnectToAnotherDatabase() {
        for (String database : new String[] {other.name(), "postgres", "template1"}) {
            SQLException e = assertThrows(
                    SQLException.class,
                    () -> connectAs(database, own.role(), own.password()).close(),
                    database);
            assertEquals(PERMISSION_DENIED, e.getSQLState(), database + ": " + e.getMessage());
        }
    }

    /**
     * A server on which the role may not create in its own public schema (here: the template's schema stripped of
     * the owner's CREATE) hands out no database: the grader's problem, never the submission's failing tests.
     */
    @Test
    void aDatabaseItsRoleCannotUseIsRefusedWhenMade() throws SQLException {
        try (Connection c = connectAs("template1", server.user(), server.password());
                Statement s = c.createStatement()) {
            s.execute("REVOKE CREATE ON SCHEMA public FROM pg_database_owner");
        }
        try {
            String name = TestDatabase.freshName();
            IllegalStateException e =
                    assertThrows(IllegalStateException.class, () -> server.createPrivateDatabase(name));
            assertTrue(e.getMessage().contains("does not work for the role made for it"), e.getMessage());
            try (Connection c = connectAs("postgres", server.user(), server.password());
                    Statement s = c.createStatement()) {
                assertEquals("0", scalar(s, "SELECT count(*) FROM pg_database WHERE datname = '" + name + "'"));
            }
        } finally {
            try (Connection c = connectAs("template1", server.user(), server.password());
                    Statement s = c.createStatement()) {
                s.execute("GRANT CREATE ON SCHEMA public TO pg_database_owner");
            }
        }
    }

    @Test
    void noOneGetsInWithoutAPassword() {
        assertThrows(
                SQLException.class,
                () -> connectAs(own.name(), server.user(), null).close());
        assertThrows(
                SQLException.class,
                () -> connectAs(own.name(), own.role(), null).close());
        assertThrows(
                SQLException.class,
                () -> connectAs(own.name(), other.role(), own.password()).close());
        assertThrows(
                SQLException.class,
                () -> connectAs(own.name(), own.role(), own.password() + "0").close());
    }

    @Test
    void theRolesPasswordIsKeptAsAScramSecretOfTheGradersIterationCount() throws SQLException {
        try (Connection admin = connectAs("postgres", server.user(), server.password());
                Statement s = admin.createStatement()) {
            String secret = scalar(s, "SELECT rolpassword FROM pg_authid WHERE rolname = '" + own.role() + "'");
            assertTrue(
                    secret.startsWith("SCRAM-SHA-256$" + ScramSecret.GRADER_ITERATIONS + ":"),
                    "not the grader's secret: " + secret.substring(0, Math.min(20, secret.length())));
        }
    }

    @Test
    void droppingEndsOpenSessionsAndRemovesDatabaseAndRole() throws SQLException {
        PrivateDatabase extra = server.createPrivateDatabase(TestDatabase.freshName());
        try (Connection open = connect(extra)) {
            assertTrue(open.isValid(2));
            server.dropPrivateDatabase(extra);
            assertFalse(open.isValid(2), "its session survived the drop");
        }
        try (Connection admin = connectAs("postgres", server.user(), server.password());
                Statement s = admin.createStatement()) {
            assertEquals("0", scalar(s, "SELECT count(*) FROM pg_database WHERE datname = '" + extra.name() + "'"));
            assertEquals("0", scalar(s, "SELECT count(*) FROM pg_roles WHERE rolname = '" + extra.role() + "'"));
        }
        server.dropPrivateDatabase(extra); // already gone is fine
    }

    @Test
    void anAdministratorWithCreatedbAndCreateroleButNoSuperuserCanHandOutDatabases() throws SQLException {
        String admin = "grader_admin_" + TestDatabase.freshName().substring("grader_test_".length());
        try (Connection c = connectAs("postgres", server.user(), server.password());
                Statement s = c.createStatement()) {
            s.execute("CREATE ROLE " + admin + " LOGIN CREATEDB CREATEROLE PASSWORD 'secret'");
            s.execute("GRANT CONNECT ON DATABASE postgres TO " + admin);
        }
        try {
            UrlPostgresServer url = UrlPostgresServer.connect(server.jdbcUrl("postgres"), admin, "secret");
            PrivateDatabase db = url.createPrivateDatabase(TestDatabase.freshName());
            try (Connection c = connect(db);
                    Statement s = c.createStatement()) {
                s.execute("CREATE TABLE t (x int)");
                assertEquals("f", scalar(s, "SELECT rolcreaterole FROM pg_roles WHERE rolname = current_user"));
            }
            url.dropPrivateDatabase(db);
            try (Connection c = connectAs("postgres", server.user(), server.password());
                    Statement s = c.createStatement()) {
                assertEquals("0", scalar(s, "SELECT count(*) FROM pg_roles WHERE rolname = '" + db.role() + "'"));
            }
        } finally {
            try (Connection c = connectAs("postgres", server.user(), server.password());
                    Statement s = c.createStatement()) {
                s.execute("REVOKE CONNECT ON DATABASE postgres FROM " + admin);
                s.execute("DROP ROLE " + admin);
            }
        }
    }

    @Test
    void underTheGraderNewDatabaseIsAFreshSchemaOfTheRolesOwnDatabase() throws SQLException {
        Properties p = new Properties();
        p.setProperty(TestDatabase.URL_PROPERTY, server.jdbcUrl(own.name()));
        p.setProperty(TestDatabase.USER_PROPERTY, own.role());
        p.setProperty(TestDatabase.PASSWORD_PROPERTY, own.password());
        DataSource fresh = TestDatabase.Backend.provided(p).newDatabase();
        try (Connection c = fresh.getConnection();
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (x int)");
            assertTrue(scalar(s, "SELECT current_schema()").startsWith("grader_test_"));
            assertEquals("0", scalar(s, "SELECT count(*) FROM t"));
        }
    }

    private static void denied(Statement s, String sql) {
        SQLException e = assertThrows(SQLException.class, () -> s.execute(sql), sql);
        assertEquals(PERMISSION_DENIED, e.getSQLState(), sql + ": " + e.getMessage());
    }

    private Connection connect(PrivateDatabase db) throws SQLException {
        return connectAs(db.name(), db.role(), db.password());
    }

    private Connection connectAs(String database, String user, String password) throws SQLException {
        return AbstractPostgresServer.openConnection(server.jdbcUrl(database), user, password);
    }

    private static String scalar(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
