package com.acme.feed.hidden;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/** A DataSource that counts the SQL statements run through it and the rows read from their results, on any thread. */
final class CountingDataSource {

  final AtomicInteger statements = new AtomicInteger();
  final AtomicInteger rows = new AtomicInteger();
  private final DataSource target;

  CountingDataSource(DataSource target) {
    this.target = target;
  }

  void reset() {
    statements.set(0);
    rows.set(0);
  }

  DataSource proxy() {
    return wrap(DataSource.class, target, (m, result) ->
        m.getName().equals("getConnection") ? wrap(Connection.class, (Connection) result, this::onConnection) : result);
  }

  private Object onConnection(Method m, Object result) {
    if (result instanceof CallableStatement cs) {
      return wrap(CallableStatement.class, cs, this::onStatement);
    }
    if (result instanceof PreparedStatement ps) {
      return wrap(PreparedStatement.class, ps, this::onStatement);
    }
    if (result instanceof Statement s) {
      return wrap(Statement.class, s, this::onStatement);
    }
    return result;
  }

  private Object onStatement(Method m, Object result) {
    if (m.getName().startsWith("execute")) {
      statements.incrementAndGet();
    }
    if (result instanceof ResultSet rs) {
      return wrap(ResultSet.class, rs, (rm, r) -> {
        if (rm.getName().equals("next") && Boolean.TRUE.equals(r)) {
          rows.incrementAndGet();
        }
        return r;
      });
    }
    return result;
  }

  private interface After {
    Object apply(Method m, Object result) throws Exception;
  }

  private static <T> T wrap(Class<T> type, T target, After after) {
    InvocationHandler handler = (proxy, m, args) -> {
      if (m.getName().equals("unwrap") || m.getName().equals("isWrapperFor")) {
        return m.invoke(target, args);
      }
      Object result;
      try {
        result = m.invoke(target, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
      return after.apply(m, result);
    };
    return type.cast(Proxy.newProxyInstance(CountingDataSource.class.getClassLoader(), new Class<?>[] {type}, handler));
  }
}
