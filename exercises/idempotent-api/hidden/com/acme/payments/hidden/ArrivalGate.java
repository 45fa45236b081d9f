package com.acme.payments.hidden;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Duration;
import java.util.Set;
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
 */
final class ArrivalGate implements DataSource {

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
    private final CountDownLatch arrived;
    private final long closesAt;
    private final Set<Thread> passed = ConcurrentHashMap.newKeySet();

    Door(int parties, long closesAt) {
      this.arrived = new CountDownLatch(parties);
      this.closesAt = closesAt;
    }

    void pass() {
      if (!passed.add(Thread.currentThread())) {
        return; // only a thread's first connection waits
      }
      arrived.countDown();
      try {
        arrived.await(Math.max(0, closesAt - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
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
