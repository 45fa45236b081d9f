package dev.grader.support.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The database tests run against: a fresh, empty PostgreSQL database for this JVM.
 *
 * <p>Under the grader the test JVM gets a database the grader created for this submission, through the system
 * properties {@value #URL_PROPERTY}, {@value #USER_PROPERTY}, {@value #PASSWORD_PROPERTY} (and
 * {@value #ADMIN_URL_PROPERTY} for {@link #newDatabase()}, {@value #KIND_PROPERTY} for information); JVMs that run
 * at once and cannot be told apart (PIT's minions) get several databases as slots and each takes one of its own
 * ({@link DatabaseSlots}). Without
 * them (a candidate running {@code mvn test}) the first call starts a server with
 * {@code PostgresServers.start(PostgresSettings.fromEnvironment())} (Testcontainers when Docker runs, else
 * embedded PostgreSQL; {@code GRADER_DB_URL} for a server of your own), creates a fresh database, and at JVM
 * exit drops the databases it created and stops the server.
 *
 * <p>When no database can be had, every method throws an {@link IllegalStateException} saying why: a test
 * that needs a database fails, it is never skipped.
 */
public final class TestDatabase {

    /** JDBC URL of the database the grader created for this run. */
    public static final String URL_PROPERTY = "grader.db.url";
    /** User for {@link #URL_PROPERTY}. */
    public static final String USER_PROPERTY = "grader.db.user";
    /** Password for {@link #URL_PROPERTY}. */
    public static final String PASSWORD_PROPERTY = "grader.db.password";
    /** JDBC URL of a database on the same server to create more databases from (default: {@link #URL_PROPERTY}). */
    public static final String ADMIN_URL_PROPERTY = "grader.db.admin-url";
    /**
     * How many databases the grader lists as slots, {@code grader.db.url.1} to {@code grader.db.url.n} with their
     * {@code .user.i} and {@code .password.i}, for JVMs that run at once and each take one ({@link DatabaseSlots}).
     */
    public static final String SLOTS_PROPERTY = "grader.db.slots";
    /** What kind of server the grader used, for information (e.g. "embedded PostgreSQL 16.4 (zonky)"). */
    public static final String KIND_PROPERTY = "grader.db.kind";

    private static final AtomicInteger NAMES = new AtomicInteger();

    private static Backend backend;
    private static IllegalStateException failure;

    private TestDatabase() {}

    /** A DataSource on this JVM's fresh database (the same database every call). */
    public static DataSource dataSource() {
        return backend().dataSource;
    }

    /** JDBC URL of this JVM's database. */
    public static String jdbcUrl() {
        return backend().url;
    }

    /** User for {@link #jdbcUrl()}. */
    public static String user() {
        return backend().user;
    }

    /** Password for {@link #jdbcUrl()} (may be empty). */
    public static String password() {
        return backend().password;
    }

    /** Which server the database lives on, for messages. */
    public static String description() {
        return backend().description;
    }

    /**
     * Another fresh, empty database on the same server (dropped at JVM exit when this JVM made the server). Under
     * the grader, whose role may create no database, a fresh schema of this JVM's database, the DataSource's only
     * search path.
     */
    public static DataSource newDatabase() {
        return backend().newDatabase();
    }

    private static synchronized Backend backend() {
        if (backend != null) {
            return backend;
        }
        if (failure != null) {
            throw new IllegalStateException(failure.getMessage(), failure.getCause());
        }
        try {
            Properties p = System.getProperties();
            if (DatabaseSlots.listed(p)) {
                backend = Backend.provided(DatabaseSlots.claim(p));
            } else if (p.getProperty(URL_PROPERTY) != null
                    && !p.getProperty(URL_PROPERTY).isBlank()) {
                backend = Backend.provided(p);
            } else {
                backend = Backend.ownServer(PostgresSettings.fromEnvironment());
            }
            return backend;
        } catch (PostgresUnavailableException e) {
            failure = new IllegalStateException("No PostgreSQL database for the tests. " + e.getMessage(), e);
        } catch (RuntimeException e) {
            failure = new IllegalStateException("No PostgreSQL database for the tests: " + Failures.describe(e), e);
        }
        throw failure;
    }

    /** A fresh database name: {@code grader_test_<pid>_<n>_<random>}. */
    static String freshName() {
        return String.format(
                Locale.ROOT,
                "grader_test_%d_%d_%06x",
                ProcessHandle.current().pid(),
                NAMES.incrementAndGet(),
                ThreadLocalRandom.current().nextInt(1 << 24));
    }

    static PGSimpleDataSource dataSource(String url, String user, String password) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(url);
        if (user != null) {
            ds.setUser(user);
        }
        if (password != null && !password.isEmpty()) {
            ds.setPassword(password);
        }
        return ds;
    }

    /** Where the databases come from; package-private for tests. */
    abstract static class Backend {
        final String url;
        final String user;
        final String password;
        final String description;
        final DataSource dataSource;

        Backend(String url, String user, String password, String description) {
            this.url = url;
            this.user = user;
            this.password = password == null ? "" : password;
            this.description = description;
            this.dataSource = TestDatabase.dataSource(url, user, password);
        }

        abstract DataSource newDatabase();

        /** The database the grader made, from {@code grader.db.*} properties. */
        static Backend provided(Properties properties) {
            return new Provided(properties);
        }

        /** A server this JVM starts (or connects to) and owns. */
        static Backend ownServer(PostgresSettings settings) throws PostgresUnavailableException {
            long started = System.nanoTime();
            PostgresServer server = PostgresServers.start(settings);
            long serverMillis = (System.nanoTime() - started) / 1_000_000;
            try {
                Owned owned = new Owned(server);
                System.err.printf(
                        Locale.ROOT,
                        "[grader-support] PostgreSQL for tests: %s, database %s (server ready in %d ms)%n",
                        server.description(),
                        owned.mainDatabase,
                        serverMillis);
                return owned;
            } catch (RuntimeException e) {
                server.close();
                throw e;
            }
        }
    }

    private static final class Provided extends Backend {
        private final String adminUrl;
        private final List<String> created = new ArrayList<>();

        Provided(Properties p) {
            super(
                    p.getProperty(URL_PROPERTY).trim(),
                    blankToNull(p.getProperty(USER_PROPERTY)),
                    p.getProperty(PASSWORD_PROPERTY),
                    "database provided by the grader"
                            + (p.getProperty(KIND_PROPERTY) == null ? "" : " (" + p.getProperty(KIND_PROPERTY) + ")"));
            String admin = blankToNull(p.getProperty(ADMIN_URL_PROPERTY));
            this.adminUrl = admin == null ? url : admin;
            Runtime.getRuntime().addShutdownHook(new Thread(this::dropCreated, "grader-test-database-cleanup"));
        }

        /**
         * With an administrative URL, another database made there; without one (the grader hands each test JVM a role
         * that owns its database and may create no other), a fresh schema in this database, which the DataSource uses
         * as its only search path.
         */
        @Override
        synchronized DataSource newDatabase() {
            String name = freshName();
            if (adminUrl.equals(url)) {
                try (Connection c = AbstractPostgresServer.openConnection(url, user, password);
                        Statement s = c.createStatement()) {
                    s.execute("CREATE SCHEMA \"" + name + "\"");
                } catch (SQLException e) {
                    throw new IllegalStateException(
                            "Could not create schema " + name + " in " + JdbcUrls.redact(url) + ": " + e.getMessage(),
                            e);
                }
                PGSimpleDataSource ds = TestDatabase.dataSource(url, user, password);
                ds.setCurrentSchema(name);
                return ds;
            }
            try (Connection c = AbstractPostgresServer.openConnection(adminUrl, user, password);
                    Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE \"" + name + "\"");
            } catch (SQLException e) {
                throw new IllegalStateException(
                        "Could not create database " + name + " on " + JdbcUrls.redact(adminUrl) + ": "
                                + e.getMessage(),
                        e);
            }
            created.add(name);
            return TestDatabase.dataSource(JdbcUrls.withDatabase(adminUrl, name), user, password);
        }

        private synchronized void dropCreated() {
            for (String name : created) {
                try (Connection c = AbstractPostgresServer.openConnection(adminUrl, user, password);
                        Statement s = c.createStatement()) {
                    s.execute("DROP DATABASE IF EXISTS \"" + name + "\" WITH (FORCE)");
                } catch (SQLException | RuntimeException ignored) {
                    // best effort at JVM exit; the grader drops what is left
                }
            }
        }
    }

    private static final class Owned extends Backend {
        private final PostgresServer server;
        private final String mainDatabase;
        private final List<String> created = new ArrayList<>();

        Owned(PostgresServer server) {
            this(server, createFresh(server));
        }

        private Owned(PostgresServer server, String database) {
            super(server.jdbcUrl(database), server.user(), server.password(), server.description());
            this.server = server;
            this.mainDatabase = database;
            created.add(database);
            Runtime.getRuntime().addShutdownHook(new Thread(this::shutdown, "grader-test-database-shutdown"));
        }

        private static String createFresh(PostgresServer server) {
            String name = freshName();
            server.createDatabase(name);
            return name;
        }

        @Override
        synchronized DataSource newDatabase() {
            String name = createFresh(server);
            created.add(name);
            return TestDatabase.dataSource(server.jdbcUrl(name), server.user(), server.password());
        }

        private synchronized void shutdown() {
            if (server.kind() == PostgresMode.URL) { // a server we started disappears with its databases
                for (String name : created) {
                    try {
                        server.dropDatabase(name);
                    } catch (RuntimeException ignored) {
                        // best effort at JVM exit
                    }
                }
            }
            try {
                server.close();
            } catch (RuntimeException ignored) {
                // best effort at JVM exit
            }
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
