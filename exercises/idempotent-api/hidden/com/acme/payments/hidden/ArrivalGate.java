package com.acme.payments.hidden;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
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
 */
final class ArrivalGate implements DataSource {

  /** The longest a thread's later connection waits for the others' of its rank. */
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
    pass();
    return c;
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    Connection c = database.getConnection(username, password);
    pass();
    return c;
  }

  private void pass() {
    Door d = door;
    if (d != null) {
      d.pass();
    }
  }

  private static final class Door {
    private final int parties;
    private final long firstClosesAt;
    /** How many connections each thread took since the door was armed. */
    private final Map<Thread, Integer> taken = new ConcurrentHashMap<>();
    /** Per rank of connection (1 for a thread's first), the threads that reached it and until when they wait. */
    private final Map<Integer, Stage> stages = new ConcurrentHashMap<>();
    private volatile boolean released;

    Door(int parties, long firstClosesAt) {
      this.parties = parties;
      this.firstClosesAt = firstClosesAt;
    }

    void pass() {
      int rank = taken.merge(Thread.currentThread(), 1, Integer::sum);
      Stage stage = stages.computeIfAbsent(rank, r -> new Stage(parties,
          r == 1 ? firstClosesAt : System.nanoTime() + LATER_WAIT.toNanos()));
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
      for (Stage stage : stages.values()) {
        stage.release();
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
