package com.acme.payments.hidden;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The DataSource the service under test gets: the test database's, with a door that, while armed, holds each thread's
 * first connection, once opened, until {@code parties} threads are waiting (or the door's time is up), then hands them
 * all out at once. Requests released together by a test then reach the database together, as a burst of retries does
 * in production, instead of one after another as the HTTP server happens to accept them: a race between looking a key
 * up and creating it shows in every round, not in a few.
 *
 * <p>A thread's later connections while the door is armed (its second, third...) wait the same way for the other
 * threads' connections of the same rank, at most {@link #LATER_WAIT} after the first of them: a service that looks a
 * key up on one connection and creates it on another gets every request's lookup done before any creation, as a new
 * connection's few milliseconds of set-up gave it before the test database's connections were reused. A service that
 * opens a single connection before the provider call never meets these later doors.
 *
 * <p>Statements line up the same way: while the door is armed, each thread's k-th statement (any {@code execute...}
 * call, on any of its connections) waits for the other threads' k-th, at most {@link #LATER_WAIT} after the first of
 * them. Requests that run the same statements run each of them together: every request's read of a row is done before
 * any request's write that depends on it, however a busy machine schedules their threads, so a read that should have
 * locked the row (a lost update) shows in every round. A thread whose statement is blocked by another's lock arrives
 * late; the others then wait at most {@link #LATER_WAIT} for it.
 */
final class ArrivalGate implements DataSource {

  /** The longest a thread's later connection, or any statement, waits for the others' of its rank. */
  static final Duration LATER_WAIT = Duration.ofMillis(100);

  private final DataSource database;
  private volatile Door door;

  ArrivalGate(DataSource database) {
    this.database = database;
  }

  /** Until {@link #open()}: each thread's first connection waits for {@code parties} threads, at most {@code wait}. */
  void arm(int parties, Duration wait) {
    door = new Door(parties, System.nanoTime() + wait.toNanos());
  }

  /** No more waiting, for those at the door too. */
  void open() {
    Door d = door;
    door = null;
    if (d != null) {
      d.release();
    }
  }

  @Override
  public Connection getConnection() throws SQLException {
    Connection c = database.getConnection(); // opened before the door: the requests leave it with their connections
    pass(Kind.CONNECTION);
    return watched(c);
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    Connection c = database.getConnection(username, password);
    pass(Kind.CONNECTION);
    return watched(c);
  }

  private void pass(Kind kind) {
    Door d = door;
    if (d != null) {
      d.pass(kind);
    }
  }

  /** What a thread's doors count: its connections, its statements. */
  private enum Kind { CONNECTION, STATEMENT }

  /** {@code c}, whose statements pass the door before they execute. */
  private Connection watched(Connection c) {
    Connection[] self = new Connection[1];
    self[0] = (Connection) proxy(Connection.class, (method, args) -> {
      Object result = call(c, method, args);
      if (result instanceof Statement s) {
        return watched(s, self[0]);
      }
      return result;
    });
    return self[0];
  }

  private Statement watched(Statement s, Connection connection) {
    Class<?> type = s instanceof CallableStatement ? CallableStatement.class
        : s instanceof PreparedStatement ? PreparedStatement.class : Statement.class;
    return (Statement) proxy(type, (method, args) -> {
      if (method.getName().startsWith("execute")) {
        pass(Kind.STATEMENT);
      } else if (method.getName().equals("getConnection")) {
        return connection;
      }
      return call(s, method, args);
    });
  }

  private interface Call {
    Object invoke(Method method, Object[] args) throws Throwable;
  }

  /** A proxy implementing {@code type} by {@code call}; equal only to itself. */
  private static Object proxy(Class<?> type, Call call) {
    InvocationHandler handler = (p, method, args) -> switch (method.getName()) {
      case "equals" -> method.getParameterCount() == 1 ? p == args[0] : call.invoke(method, args);
      case "hashCode" -> method.getParameterCount() == 0 ? System.identityHashCode(p) : call.invoke(method, args);
      default -> call.invoke(method, args);
    };
    return Proxy.newProxyInstance(ArrivalGate.class.getClassLoader(), new Class<?>[] {type}, handler);
  }

  private static Object call(Object target, Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  private static final class Door {
    private final int parties;
    private final long firstClosesAt;
    /** How many connections, and statements, each thread took since the door was armed. */
    private final Map<Kind, Map<Thread, Integer>> taken = new ConcurrentHashMap<>();
    /**
     * Per rank of connection or statement (1 for a thread's first), the threads that reached it and until when they
     * wait.
     */
    private final Map<Kind, Map<Integer, Stage>> stages = new ConcurrentHashMap<>();
    private volatile boolean released;

    Door(int parties, long firstClosesAt) {
      this.parties = parties;
      this.firstClosesAt = firstClosesAt;
    }

    void pass(Kind kind) {
      int rank = taken.computeIfAbsent(kind, k -> new ConcurrentHashMap<>())
          .merge(Thread.currentThread(), 1, Integer::sum);
      Stage stage = stages.computeIfAbsent(kind, k -> new ConcurrentHashMap<>()).computeIfAbsent(rank,
          r -> new Stage(parties, kind == Kind.CONNECTION && r == 1 ? firstClosesAt
              : System.nanoTime() + LATER_WAIT.toNanos()));
      if (released) {
        return;
      }
      stage.arrived.countDown();
      try {
        stage.arrived.await(Math.max(0, stage.closesAt - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    void release() {
      released = true;
      for (Map<Integer, Stage> ofKind : stages.values()) {
        for (Stage stage : ofKind.values()) {
          stage.release();
        }
      }
    }
  }

  private static final class Stage {
    final CountDownLatch arrived;
    final long closesAt;

    Stage(int parties, long closesAt) {
      this.arrived = new CountDownLatch(parties);
      this.closesAt = closesAt;
    }

    void release() {
      while (arrived.getCount() > 0) {
        arrived.countDown();
      }
    }
  }

  @Override
  public PrintWriter getLogWriter() throws SQLException {
    return database.getLogWriter();
  }

  @Override
  public void setLogWriter(PrintWriter out) throws SQLException {
    database.setLogWriter(out);
  }

  @Override
  public void setLoginTimeout(int seconds) throws SQLException {
    database.setLoginTimeout(seconds);
  }

  @Override
  public int getLoginTimeout() throws SQLException {
    return database.getLoginTimeout();
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    return database.getParentLogger();
  }

  @Override
  public <T> T unwrap(Class<T> type) throws SQLException {
    if (type.isInstance(this)) {
      return type.cast(this);
    }
    return database.unwrap(type);
  }

  @Override
  public boolean isWrapperFor(Class<?> type) throws SQLException {
    return type.isInstance(this) || database.isWrapperFor(type);
  }
}
