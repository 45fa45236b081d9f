package com.acme.inventory.hidden;

import dev.grader.support.locks.LockWaits;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * A DataSource wrapper (java.lang.reflect.Proxy over DataSource, Connection and Statement) that logs every SQL
 * statement the code under test prepares or executes, and calls a hook in the executing thread just before a
 * statement that writes table {@code item} (UPDATE item / DELETE FROM item) is sent to the database, and just after
 * it ran. The tests
 * use the hook to put another writer, a barrier or a pause exactly between the code's reads and its write.
 */
final class JdbcSpy {

  /** Called just before a write to table item is executed, in the thread executing it. Must not throw. */
  @FunctionalInterface
  interface WriteHook {
    void beforeWrite(String sql);

    /** Called just after such a write has executed (before the code under test sees its result). */
    default void afterWrite(String sql) {}
  }

  private static final Pattern WRITES_ITEM =
      Pattern.compile("\\b(update|delete\\s+from)\\s+(only\\s+)?(\"?[a-z_][a-z0-9_]*\"?\\.)?\"?item\"?(\\s|$|;)");

  private final DataSource target;
  private final List<String> log = new ArrayList<>();
  private volatile WriteHook hook;
  /** Connections handed to the code under test and not closed yet. */
  private final AtomicInteger open = new AtomicInteger();
  /** The open connections (the driver's side), each with the thread that took or last used it. */
  private final Map<Connection, Thread> users = new ConcurrentHashMap<>();

  JdbcSpy(DataSource target) {
    this.target = target;
  }

  /** Installs the hook (null: none). */
  void onWrite(WriteHook newHook) {
    this.hook = newHook;
  }

  /** Every statement seen so far (and isolation levels set through JDBC), in order. */
  List<String> statements() {
    synchronized (log) {
      return List.copyOf(log);
    }
  }

  void clearLog() {
    synchronized (log) {
      log.clear();
    }
  }

  /** Connections the code under test took from its DataSource and has not closed. */
  int openConnections() {
    return open.get();
  }

  /** The database backends (process ids) of the open connections {@code thread} took or last used. */
  List<Integer> backendsOf(Thread thread) {
    List<Integer> out = new ArrayList<>();
    users.forEach((c, user) -> {
      if (user == thread) {
        out.add(LockWaits.backendPid(c));
      }
    });
    return out;
  }

  static boolean writesItem(String sql) {
    return sql != null && WRITES_ITEM.matcher(sql.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ")).find();
  }

  DataSource dataSource() {
    return (DataSource) Proxy.newProxyInstance(JdbcSpy.class.getClassLoader(), new Class<?>[] {DataSource.class},
        (proxy, method, args) -> {
          Object result = call(target, method, args);
          return result instanceof Connection c && method.getName().equals("getConnection") ? connection(c) : result;
        });
  }

  private void record(String entry) {
    synchronized (log) {
      log.add(entry);
    }
  }

  private Connection connection(Connection raw) {
    Connection[] self = new Connection[1];
    open.incrementAndGet();
    users.put(raw, Thread.currentThread());
    AtomicBoolean closed = new AtomicBoolean();
    InvocationHandler handler = (proxy, method, args) -> {
      String name = method.getName();
      if (name.equals("close") && closed.compareAndSet(false, true)) {
        open.decrementAndGet();
        users.remove(raw);
      }
      if (name.equals("setTransactionIsolation") && args != null && args[0] instanceof Integer level) {
        record("Connection.setTransactionIsolation(" + isolation(level) + ")");
      }
      Object result = call(raw, method, args);
      if ((name.equals("prepareStatement") || name.equals("prepareCall")) && args != null
          && args[0] instanceof String sql) {
        record(sql);
        Class<?> type = name.equals("prepareCall") ? CallableStatement.class : PreparedStatement.class;
        return statement((Statement) result, sql, type, self[0], raw);
      }
      if (name.equals("createStatement")) {
        return statement((Statement) result, null, Statement.class, self[0], raw);
      }
      return result;
    };
    self[0] = (Connection) Proxy.newProxyInstance(JdbcSpy.class.getClassLoader(), new Class<?>[] {Connection.class},
        handler);
    return self[0];
  }

  private Statement statement(Statement raw, String preparedSql, Class<?> type, Connection connection,
      Connection rawConnection) {
    List<String> batch = new ArrayList<>();
    return (Statement) Proxy.newProxyInstance(JdbcSpy.class.getClassLoader(), new Class<?>[] {type},
        (proxy, method, args) -> {
          String name = method.getName();
          if (name.equals("getConnection")) {
            return connection;
          }
          if (name.equals("addBatch") && args != null && args.length == 1 && args[0] instanceof String sql) {
            record(sql);
            batch.add(sql);
          }
          if (name.startsWith("execute")) {
            users.computeIfPresent(rawConnection, (c, user) -> Thread.currentThread());
            boolean writes;
            if (args != null && args.length > 0 && args[0] instanceof String sql) {
              record(sql);
              writes = writesItem(sql);
            } else if (name.contains("Batch")) {
              writes = writesItem(preparedSql) || batch.stream().anyMatch(JdbcSpy::writesItem);
              batch.clear();
            } else {
              writes = writesItem(preparedSql);
            }
            WriteHook h = hook;
            if (writes && h != null) {
              h.beforeWrite(preparedSql);
              Object result = call(raw, method, args);
              h.afterWrite(preparedSql);
              return result;
            }
          }
          return call(raw, method, args);
        });
  }

  private static String isolation(int level) {
    return switch (level) {
      case Connection.TRANSACTION_SERIALIZABLE -> "SERIALIZABLE";
      case Connection.TRANSACTION_REPEATABLE_READ -> "REPEATABLE READ";
      case Connection.TRANSACTION_READ_COMMITTED -> "READ COMMITTED";
      case Connection.TRANSACTION_READ_UNCOMMITTED -> "READ UNCOMMITTED";
      default -> Integer.toString(level);
    };
  }

  private static Object call(Object target, Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
