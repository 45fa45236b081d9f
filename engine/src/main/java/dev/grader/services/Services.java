package dev.grader.services;

import dev.grader.exercise.Exercise;
import dev.grader.exercise.Service;
import dev.grader.model.InfrastructureException;
import dev.grader.support.postgres.PostgresServer;
import dev.grader.support.postgres.PostgresServers;
import dev.grader.support.postgres.PostgresSettings;
import dev.grader.support.postgres.PostgresUnavailableException;
import dev.grader.support.postgres.PrivateDatabase;
import dev.grader.support.postgres.TestDatabase;
import dev.grader.workspace.TemporaryFolders;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The services a grader process provides. WireMock needs nothing from the grader: hidden suites start
 * it themselves on a loopback port. PostgreSQL is started once per grader process, on first need, in
 * the order a JDBC URL given by the user, Testcontainers when Docker runs, else embedded; each
 * submission gets a fresh database of its own and a login role that owns it and may do nothing beyond it
 * ({@link PostgresServer#createPrivateDatabase}); the grader keeps the administrative user, and drops the
 * database and then the role after the run, whatever its outcome.
 */
public final class Services implements ServiceBroker {

    private final PostgresSettings settings;
    private final Function<PostgresSettings, PostgresServer> starter;
    private final AtomicInteger leases = new AtomicInteger();
    private PostgresServer server;
    private InfrastructureException failure;

    public Services(PostgresSettings settings) {
        this(settings, Services::start);
    }

    /** For tests: a different way to start the server. */
    Services(PostgresSettings settings, Function<PostgresSettings, PostgresServer> starter) {
        this.settings = settings;
        this.starter = starter;
    }

    private static PostgresServer start(PostgresSettings settings) {
        try {
            return PostgresServers.start(settings);
        } catch (PostgresUnavailableException e) {
            throw new InfrastructureException("no PostgreSQL could be had: " + e.getMessage(), e);
        }
    }

    @Override
    public ServiceLease lease(Exercise exercise, String submissionLabel) {
        if (!exercise.manifest().needs(Service.POSTGRES)) {
            return ServiceLease.none();
        }
        PostgresServer db = server();
        String name = databaseName(submissionLabel, leases.incrementAndGet());
        PrivateDatabase own;
        try {
            own = db.createPrivateDatabase(name);
        } catch (RuntimeException e) {
            throw new InfrastructureException(
                    "could not create a fresh database on " + db.description() + ": " + e.getMessage(), e);
        }
        Map<String, String> props = new HashMap<>();
        props.put(TestDatabase.URL_PROPERTY, db.jdbcUrl(name));
        props.put(TestDatabase.USER_PROPERTY, own.role());
        props.put(TestDatabase.PASSWORD_PROPERTY, own.password());
        props.put(TestDatabase.KIND_PROPERTY, db.description());
        return new ServiceLease() {
            @Override
            public Map<String, String> systemProperties() {
                return props;
            }

            @Override
            public String databaseDescription() {
                return db.description();
            }

            @Override
            public void close() {
                try {
                    db.dropPrivateDatabase(own);
                } catch (RuntimeException e) {
                    // the server may be gone; a leftover database on a server we own disappears with it. After
                    // Ctrl-C the server was stopped on purpose: nothing to say.
                    if (!TemporaryFolders.exiting()) {
                        System.err.println("grader: " + e.getMessage());
                    }
                }
            }
        };
    }

    /** The server, started on first need; a failure is remembered so every submission gets the same reason fast. */
    synchronized PostgresServer server() {
        if (failure != null) {
            throw failure;
        }
        if (server == null) {
            try {
                server = starter.apply(settings);
            } catch (InfrastructureException e) {
                failure = e;
                throw e;
            } catch (RuntimeException e) {
                failure = new InfrastructureException("no PostgreSQL could be had: " + e.getMessage(), e);
                throw failure;
            }
        }
        return server;
    }

    /** {@code grader_<label>_<pid>_<n>}: a valid, unique PostgreSQL database name. */
    static String databaseName(String label, int n) {
        String clean = label.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        if (clean.length() > 30) {
            clean = clean.substring(0, 30);
        }
        return "grader_" + clean + "_" + ProcessHandle.current().pid() + "_" + n;
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.close();
            server = null;
        }
    }
}
