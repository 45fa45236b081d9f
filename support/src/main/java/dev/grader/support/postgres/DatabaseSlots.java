package dev.grader.support.postgres;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * One database of several for the JVMs that run at once and cannot tell each other apart (PIT's minions, started
 * alike): the grader lists the databases as slots ({@code grader.db.slots} = n, then {@code grader.db.url.1} ...
 * {@code grader.db.url.n} with their {@code user} and {@code password}), and each JVM takes the first slot whose
 * session-level advisory lock it gets. The lock's session stays open for the JVM's life, so no two live JVMs share a
 * database; it ends with the JVM, however the JVM ends, and the slot is free for the next.
 */
final class DatabaseSlots {

    /** The advisory lock a JVM holds on its slot's database (advisory locks are per database). */
    static final long LOCK_KEY = 0x6772616465724442L;

    private static final Duration WAIT = Duration.ofSeconds(60);

    /** Sessions that hold a slot, kept from the garbage collector until the JVM ends. */
    private static final List<Connection> HELD = new ArrayList<>();

    private DatabaseSlots() {}

    /** The {@code number}th database the grader lists. */
    private record Slot(int number, String url, String user, String password) {}

    static boolean listed(Properties p) {
        String n = p.getProperty(TestDatabase.SLOTS_PROPERTY);
        return n != null && !n.isBlank();
    }

    /**
     * The {@code grader.db.*} properties of the slot this JVM took: {@code p} with the slot's URL, user and password
     * as {@link TestDatabase#URL_PROPERTY} and the others. Waits up to a minute for a slot to be free.
     */
    static Properties claim(Properties p) {
        return claim(p, WAIT);
    }

    /** {@link #claim(Properties)}, waiting up to {@code wait} for a free slot. */
    static synchronized Properties claim(Properties p, Duration wait) {
        int listed = count(p);
        List<Slot> slots = new ArrayList<>();
        for (int i = 1; i <= listed; i++) {
            slots.add(new Slot(
                    i,
                    required(p, TestDatabase.URL_PROPERTY + "." + i),
                    p.getProperty(TestDatabase.USER_PROPERTY + "." + i),
                    p.getProperty(TestDatabase.PASSWORD_PROPERTY + "." + i)));
        }
        long deadline = System.nanoTime() + wait.toNanos();
        List<String> failures = new ArrayList<>();
        while (true) {
            failures.clear();
            for (Slot slot : slots) {
                try {
                    if (tryLock(slot.url(), slot.user(), slot.password())) {
                        Properties mine = new Properties();
                        mine.putAll(p);
                        mine.setProperty(TestDatabase.URL_PROPERTY, slot.url());
                        set(mine, TestDatabase.USER_PROPERTY, slot.user());
                        set(mine, TestDatabase.PASSWORD_PROPERTY, slot.password());
                        return mine;
                    }
                } catch (SQLException e) {
                    failures.add("slot " + slot.number() + " (" + JdbcUrls.redact(slot.url()) + "): " + e.getMessage());
                }
            }
            if (failures.size() == slots.size() || System.nanoTime() > deadline) {
                throw new IllegalStateException("no database slot of " + slots.size() + " could be had within "
                        + wait.toMillis() + " ms" + (failures.isEmpty() ? " (all held)" : ": " + failures));
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for a database slot", e);
            }
        }
    }

    /** Ends the sessions that hold this JVM's slots, as the JVM's end would (for tests). */
    static synchronized void releaseAll() {
        for (Connection c : HELD) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // the session is gone either way
            }
        }
        HELD.clear();
    }

    private static boolean tryLock(String url, String user, String password) throws SQLException {
        Connection c = AbstractPostgresServer.openConnection(url, user, password);
        boolean locked = false;
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT pg_try_advisory_lock(" + LOCK_KEY + ")")) {
            locked = rs.next() && rs.getBoolean(1);
        } finally {
            if (locked) {
                HELD.add(c);
            } else {
                c.close();
            }
        }
        return locked;
    }

    private static int count(Properties p) {
        try {
            int n = Integer.parseInt(p.getProperty(TestDatabase.SLOTS_PROPERTY).trim());
            if (n < 1) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalStateException(TestDatabase.SLOTS_PROPERTY + " must be a positive number, not '"
                    + p.getProperty(TestDatabase.SLOTS_PROPERTY) + "'");
        }
    }

    private static String required(Properties p, String key) {
        String v = p.getProperty(key);
        if (v == null || v.isBlank()) {
            throw new IllegalStateException(TestDatabase.SLOTS_PROPERTY + " lists a slot without " + key);
        }
        return v.trim();
    }

    private static void set(Properties p, String key, String value) {
        if (value == null) {
            p.remove(key);
        } else {
            p.setProperty(key, value);
        }
    }
}
