package com.acme.inventory.hidden;

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
 * A DataSource that reuses its connections (java.lang.reflect.Proxy over DataSource and Connection). Opening a
 * PostgreSQL connection costs ~20 ms (a server process, password authentication); a test makes dozens.
 *
 * <p>A connection handed back by {@code close()} is reset to what a new one would be before anyone gets it again:
 * an open transaction is rolled back (as closing a real connection would), auto-commit and read-write are
 * restored, and {@code DISCARD ALL} drops every session setting (isolation level, lock_timeout, advisory locks,
 * prepared statements, temporary tables). A connection that cannot be reset, or whose user changed what the reset
 * does not cover (schema, network timeout, client info, or took the driver's connection out through unwrap), is
 * closed instead of reused. A closed handle refuses every further call, like a closed connection.
 */
final class ConnectionPool {

  private static final int MAX_IDLE = 16;

  /** Calls that change state the reset restores; any other setter (or unwrap) keeps the connection from reuse. */
  private static final Set<String> RESETTABLE = Set.of("setAutoCommit", "setTransactionIsolation", "setReadOnly", "setSavepoint");

  private final DataSource target;
  private final ConcurrentLinkedDeque<Connection> idle = new ConcurrentLinkedDeque<>();
  private final AtomicInteger idleCount = new AtomicInteger();

  ConnectionPool(DataSource target) {
    this.target = target;
  }

  DataSource dataSource() {
    return (DataSource) Proxy.newProxyInstance(ConnectionPool.class.getClassLoader(), new Class<?>[] {DataSource.class},
        (proxy, method, args) -> method.getName().equals("getConnection") && (args == null || args.length == 0)
            ? handle(take())
            : call(target, method, args));
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
    return (Connection) Proxy.newProxyInstance(ConnectionPool.class.getClassLoader(), new Class<?>[] {Connection.class},
        (proxy, method, args) -> {
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
            if (name.equals("unwrap") || (name.startsWith("set") && !RESETTABLE.contains(name))
                || name.equals("abort")) {
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
      raw.close(); // e.g. a transaction begun by a statement: not reusable, closing it rolls it back
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
