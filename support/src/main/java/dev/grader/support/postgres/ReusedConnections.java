package dev.grader.support.postgres;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * A DataSource that reuses its connections, for hidden suites that open many: a new PostgreSQL connection costs about
 * 20 ms (a server process and password authentication), and a suite opens hundreds.
 *
 * <p>A connection handed back by {@code close()} is reset to what a new one would be before anyone gets it again: an
 * open transaction is rolled back (as closing a real connection would), auto-commit and read-write are restored, and
 * {@code DISCARD ALL} drops every session setting (isolation level, timeouts, advisory locks, prepared statements,
 * temporary tables). A connection that cannot be reset, or whose user changed what the reset does not cover (schema,
 * network timeout, client info, holdability, type map), took the driver's connection out ({@code unwrap}) or aborted
 * it, is closed instead. A handle that was closed refuses every further call, as a closed connection does.
 */
public final class ReusedConnections {

    /** Idle connections kept at most; more are closed when handed back. */
    static final int MAX_IDLE = 16;

    /** Calls that change state the reset restores; any other setter keeps the connection from being reused. */
    private static final Set<String> RESETTABLE =
            Set.of("setAutoCommit", "setTransactionIsolation", "setReadOnly", "setSavepoint");

    private final DataSource target;
    private final ConcurrentLinkedDeque<Connection> idle = new ConcurrentLinkedDeque<>();
    private final AtomicInteger idleCount = new AtomicInteger();

    private ReusedConnections(DataSource target) {
        this.target = target;
    }

    /** {@code target}'s connections, reused: {@code getConnection()} hands out an idle one when there is one. */
    public static DataSource over(DataSource target) {
        ReusedConnections pool = new ReusedConnections(target);
        return (DataSource) Proxy.newProxyInstance(
                ReusedConnections.class.getClassLoader(),
                new Class<?>[] {DataSource.class},
                (proxy, method, args) -> method.getName().equals("getConnection") && (args == null || args.length == 0)
                        ? pool.handle(pool.take())
                        : call(target, method, args));
    }

    /** Idle connections now (for tests). */
    int idle() {
        return idleCount.get();
    }

    private Connection take() throws SQLException {
        Connection c = idle.pollFirst();
        if (c == null) {
            return target.getConnection();
        }
        idleCount.decrementAndGet();
        return c;
    }

    private Connection handle(Connection raw) {
        boolean[] closed = {false};
        boolean[] tainted = {false};
        return (Connection) Proxy.newProxyInstance(
                ReusedConnections.class.getClassLoader(), new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    String name = method.getName();
                    synchronized (closed) {
                        if (name.equals("close")) {
                            if (!closed[0]) {
                                closed[0] = true;
                                giveBack(raw, tainted[0]);
                            }
                            return null;
                        }
                        if (name.equals("isClosed")) {
                            return closed[0] || raw.isClosed();
                        }
                        if (closed[0]) {
                            throw new SQLException("This connection has been closed.", "08003");
                        }
                        if (name.equals("unwrap")
                                || name.equals("abort")
                                || (name.startsWith("set") && !RESETTABLE.contains(name))) {
                            tainted[0] = true;
                        }
                    }
                    return call(raw, method, args);
                });
    }

    private void giveBack(Connection raw, boolean tainted) throws SQLException {
        if (tainted || raw.isClosed() || idleCount.get() >= MAX_IDLE) {
            raw.close();
            return;
        }
        try {
            if (!raw.getAutoCommit()) {
                raw.rollback();
                raw.setAutoCommit(true);
            }
            if (raw.isReadOnly()) {
                raw.setReadOnly(false);
            }
            try (Statement s = raw.createStatement()) {
                s.execute("DISCARD ALL");
            }
        } catch (SQLException e) {
            raw.close(); // e.g. a transaction a statement began: not reusable, and closing it rolls it back
            return;
        }
        idleCount.incrementAndGet();
        idle.addFirst(raw);
    }

    private static Object call(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
