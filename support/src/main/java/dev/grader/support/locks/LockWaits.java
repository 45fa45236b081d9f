package dev.grader.support.locks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.postgresql.PGConnection;

/**
 * Who is waiting for a lock that a paused party holds, for hidden tests that pause one writer and need a second to get
 * through: a wait on a lock the paused party holds cannot end before the test lets it go, so the test can fail at
 * once, naming the lock, instead of waiting out its time limit.
 *
 * <p>In the JVM: threads blocked on a monitor, or parked on an owned synchronizer (a {@code ReentrantLock}, the write
 * side of a {@code ReentrantReadWriteLock}), that the paused thread owns. In PostgreSQL: sessions whose lock request
 * waits for the paused session ({@code pg_blocking_pids}). Waits with no owner (a semaphore, a queue, a single-threaded
 * executor) are not seen: those still end by the test's time limit.
 */
public final class LockWaits {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** How often {@link #awaitUnlessHeld} looks. */
    private static final long POLL_MILLIS = 20;

    private LockWaits() {}

    /**
     * Waits at most {@code limit} for {@code call} to end, asking {@code holdUps} every {@value #POLL_MILLIS} ms who
     * waits for a lock a paused party holds. Returns those waits as soon as there are any; an empty list once the call
     * ended or the limit passed ({@code call.isDone()} tells which).
     */
    public static List<String> awaitUnlessHeld(Future<?> call, Duration limit, Supplier<List<String>> holdUps)
            throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!call.isDone() && System.nanoTime() < deadline) {
            List<String> held = holdUps.get();
            if (!held.isEmpty() && !call.isDone()) {
                return List.copyOf(held);
            }
            Thread.sleep(POLL_MILLIS);
        }
        return List.of();
    }

    /** The threads waiting now for a JVM lock that {@code owner} holds, each described; empty when none. */
    public static List<String> onThread(Thread owner) {
        return onThreads(List.of(owner));
    }

    /** The threads waiting now for a JVM lock that one of {@code owners} holds, each described; empty when none. */
    public static List<String> onThreads(Collection<Thread> owners) {
        Map<Long, Thread> byId = new HashMap<>();
        owners.forEach(t -> byId.put(t.getId(), t));
        List<String> out = new ArrayList<>();
        for (ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds(), 0)) {
            Thread owner = info == null ? null : byId.get(info.getLockOwnerId());
            if (owner != null && info.getThreadId() != owner.getId()) {
                out.add("thread '" + info.getThreadName() + "' waits for " + describe(info.getLockName())
                        + " held by the paused thread '" + owner.getName() + "'");
            }
        }
        return out;
    }

    /**
     * The database sessions waiting now for a lock that the session of backend {@code pid} holds, each described by
     * the statement it waits in; asked over a connection of {@code database}. Empty when none, or when {@code pid} is
     * not known (below 1).
     */
    public static List<String> onBackend(DataSource database, int pid) {
        return onBackends(database, List.of(pid));
    }

    /** As {@link #onBackend}, for a lock that any of the sessions of backends {@code pids} holds. */
    public static List<String> onBackends(DataSource database, Collection<Integer> pids) {
        List<String> out = new ArrayList<>();
        Integer[] known = pids.stream().filter(p -> p != null && p > 0).toArray(Integer[]::new);
        if (known.length == 0) {
            return out;
        }
        try (Connection c = database.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT query FROM pg_stat_activity WHERE pg_blocking_pids(pid) && ?::int[]")) {
            ps.setArray(1, c.createArrayOf("int4", known));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add("a database session waits for a lock the paused writer's transaction holds, in: "
                            + clip(rs.getString(1)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the database's lock waits: " + e.getMessage(), e);
        }
        return out;
    }

    /**
     * The backend process id of a PostgreSQL connection (through any wrapper that unwraps to the driver's connection),
     * or -1 when it cannot be told. Sends nothing to the server.
     */
    public static int backendPid(Connection connection) {
        try {
            return connection.isWrapperFor(PGConnection.class)
                    ? connection.unwrap(PGConnection.class).getBackendPID()
                    : -1;
        } catch (SQLException | RuntimeException e) {
            return -1;
        }
    }

    private static String describe(String lockName) {
        if (lockName == null) {
            return "a lock";
        }
        int at = lockName.indexOf('@');
        String type = at < 0 ? lockName : lockName.substring(0, at);
        return type.startsWith("java.util.concurrent.locks.")
                ? "a " + type.substring(type.lastIndexOf('.') + 1).replace('$', '.') + " (a java.util.concurrent lock)"
                : "the monitor of a " + type + " (synchronized)";
    }

    private static String clip(String sql) {
        String one = sql == null ? "" : sql.strip().replaceAll("\\s+", " ");
        return one.length() > 160 ? one.substring(0, 157) + "..." : one;
    }
}
