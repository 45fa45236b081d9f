package com.acme.orders;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import net.ttddyy.dsproxy.ExecutionInfo;
import net.ttddyy.dsproxy.QueryInfo;
import net.ttddyy.dsproxy.listener.QueryExecutionListener;
import net.ttddyy.dsproxy.support.ProxyDataSourceBuilder;

/** Records the SQL statements run through a DataSource (on any thread) while {@link #record} runs. */
final class SqlRecorder {

  private final List<String> statements = Collections.synchronizedList(new ArrayList<>());
  private volatile boolean recording;

  /** A DataSource that reports every statement to this recorder. */
  DataSource wrap(DataSource dataSource) {
    return ProxyDataSourceBuilder.create(dataSource).name("visible-tests").listener(new QueryExecutionListener() {
      @Override
      public void beforeQuery(ExecutionInfo execInfo, List<QueryInfo> queryInfoList) {}

      @Override
      public void afterQuery(ExecutionInfo execInfo, List<QueryInfo> queryInfoList) {
        if (recording) {
          queryInfoList.forEach(q -> statements.add(q.getQuery()));
        }
      }
    }).build();
  }

  /** Runs {@code action} and returns what it returned together with the statements it ran. */
  <T> Recorded<T> record(Supplier<T> action) {
    synchronized (statements) {
      statements.clear();
    }
    recording = true;
    T result;
    try {
      result = action.get();
    } finally {
      recording = false;
    }
    synchronized (statements) {
      return new Recorded<>(result, List.copyOf(statements));
    }
  }

  record Recorded<T>(T result, List<String> statements) {

    int count() {
      return statements.size();
    }

    /** "3 x select ... from customer c1_0 where c1_0.id=?" lines, most frequent first. */
    String summary() {
      Map<String, Long> counts = statements.stream()
          .collect(Collectors.groupingBy(s -> s, LinkedHashMap::new, Collectors.counting()));
      return counts.entrySet().stream()
          .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
          .map(e -> "  " + e.getValue() + " x " + e.getKey())
          .collect(Collectors.joining("\n"));
    }
  }
}
