package dev.grader.support.postgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;

/** Creates and drops databases through a connection to an administrative database of the server. */
abstract class AbstractPostgresServer implements PostgresServer {

    /** JDBC URL of a database to run CREATE/DROP DATABASE from (never one that tests use). */
    abstract String adminUrl();

    /** Extra clause for CREATE DATABASE, e.g. {@code " STRATEGY = FILE_COPY"}; empty by default. */
    String createDatabaseOptions() {
        return "";
    }

    Connection adminConnection() throws SQLException {
        return openConnection(adminUrl(), user(), password());
    }

    static Connection openConnection(String url, String user, String password) throws SQLException {
        Properties properties = new Properties();
        if (user != null) {
            properties.setProperty("user", user);
        }
        if (password != null) {
            properties.setProperty("password", password);
        }
        properties.setProperty("connectTimeout", "10");
        properties.setProperty("loginTimeout", "15");
        properties.setProperty("ApplicationName", "grader-support");
        return DriverManager.getConnection(url, properties);
    }

    @Override
    public void createDatabase(String name) {
        JdbcUrls.requireSafeDatabaseName(name);
        try (Connection c = adminConnection();
                Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE \"" + name + "\"" + createDatabaseOptions());
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "Could not create database " + name + " on " + description() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void dropDatabase(String name) {
        JdbcUrls.requireSafeDatabaseName(name);
        try (Connection c = adminConnection();
                Statement s = c.createStatement()) {
            try {
                s.execute("DROP DATABASE IF EXISTS \"" + name + "\" WITH (FORCE)");
            } catch (SQLException e) {
                if (!"42601".equals(e.getSQLState())) { // syntax error: a server before PostgreSQL 13
                    throw e;
                }
                s.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + name
                        + "' AND pid <> pg_backend_pid()");
                s.execute("DROP DATABASE IF EXISTS \"" + name + "\"");
            }
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "Could not drop database " + name + " on " + description() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Whether the grader started this server (embedded, container): then its maintenance databases are closed to
     * PUBLIC before the first private database is handed out. A server given by URL is left as it is.
     */
    boolean ownsServer() {
        return true;
    }

    private final AtomicBoolean maintenanceLocked = new AtomicBoolean();

    @Override
    public PrivateDatabase createPrivateDatabase(String name) {
        JdbcUrls.requireSafeDatabaseName(name);
        PrivateDatabase db = PrivateDatabases.newIdentity(name);
        try (Connection c = adminConnection()) {
            if (ownsServer() && !maintenanceLocked.get()) {
                synchronized (maintenanceLocked) {
                    if (!maintenanceLocked.get()) {
                        PrivateDatabases.lockMaintenanceDatabases(c);
                        maintenanceLocked.set(true);
                    }
                }
            }
            PrivateDatabases.create(c, db, createDatabaseOptions());
        } catch (SQLException e) {
            String hint = "42501".equals(e.getSQLState())
                    ? " (the administrative user needs CREATEDB and CREATEROLE, or to be a superuser)"
                    : "";
            throw new IllegalStateException(
                    "Could not create database " + name + " with a role of its own on " + description() + ": "
                            + e.getMessage() + hint,
                    e);
        }
        checkUsable(db);
        return db;
    }

    /**
     * Connects as the role and creates and drops a table in its database's {@code public} schema, the least the
     * hidden suites do: a server on which that fails (a role refused its own schema, say) is the grader's problem, and
     * must not reach a submission's tests as failures of its own. Drops the database when it fails.
     */
    private void checkUsable(PrivateDatabase db) {
        try (Connection c = openConnection(jdbcUrl(db.name()), db.role(), db.password());
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE public.grader_check (x int)");
            s.execute("DROP TABLE public.grader_check");
        } catch (SQLException e) {
            try {
                dropPrivateDatabase(db);
            } catch (RuntimeException ignored) {
                // reporting the first problem
            }
            throw new IllegalStateException(
                    "The database " + db.name() + " on " + description() + " does not work for the role made for it"
                            + " (creating a table in its public schema failed): " + e.getMessage(),
                    e);
        }
    }

    @Override
    public void dropPrivateDatabase(PrivateDatabase db) {
        try (Connection c = adminConnection()) {
            PrivateDatabases.drop(c, db, () -> dropDatabase(db.name()));
        } catch (SQLException e) {
            throw new IllegalStateException("Could not drop " + db + " on " + description() + ": " + e.getMessage(), e);
        }
    }

    /** The server's version, e.g. "16.4". */
    static String serverVersion(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
                var rs = s.executeQuery("SHOW server_version")) {
            rs.next();
            String version = rs.getString(1);
            int space = version.indexOf(' ');
            return space < 0 ? version : version.substring(0, space);
        }
    }

    @Override
    public String toString() {
        return description();
    }
}
