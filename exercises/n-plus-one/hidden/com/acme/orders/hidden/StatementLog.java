package com.acme.orders.hidden;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.sql.ResultSet;
import javax.sql.DataSource;
import net.ttddyy.dsproxy.ExecutionInfo;
import net.ttddyy.dsproxy.QueryInfo;
import net.ttddyy.dsproxy.listener.MethodExecutionContext;
import net.ttddyy.dsproxy.listener.MethodExecutionListener;
import net.ttddyy.dsproxy.listener.QueryExecutionListener;
import net.ttddyy.dsproxy.proxy.ParameterSetOperation;
import net.ttddyy.dsproxy.support.ProxyDataSourceBuilder;

/**
 * Every SQL statement executed through a wrapped DataSource, from any thread, while {@link #record} runs, and how many
 * rows the database returned. Counted at the JDBC level (datasource-proxy), so it sees what Hibernate, native queries
 * and plain JDBC all send.
 */
final class StatementLog {

  /** One executed statement with its parameter values. */
  record Executed(String sql, List<Object> parameters, String thread) {

    String lower() {
      return sql.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ").trim();
    }

    boolean isSelect() {
      return lower().startsWith("select") || lower().startsWith("with");
    }

    /** Tables named after FROM or JOIN. */
    Set<String> tables() {
      Set<String> tables = new LinkedHashSet<>();
      Matcher m = TABLE.matcher(lower());
      while (m.find()) {
        tables.add(m.group(1));
      }
      return tables;
    }

    /** Whether the statement limits its rows in SQL (LIMIT, OFFSET or FETCH FIRST). */
    boolean limitsRows() {
      String s = " " + lower() + " ";
      return s.contains(" limit ") || s.contains(" fetch first ") || s.contains(" fetch next ") || s.contains(" offset ");
    }

    /** A short form for messages: "select from customer where id=?". */
    String shortForm() {
      return shorten(sql);
    }
  }

  /** What an action returned and the statements it caused. */
  record Recorded<T>(T result, List<Executed> statements, long rowsRead) {

    int count() {
      return statements.size();
    }

    /** "1 x select from orders ..., 50 x select from customer where id=?" */
    String summary() {
      Map<String, Integer> counts = new LinkedHashMap<>();
      for (Executed e : statements) {
        counts.merge(e.shortForm(), 1, Integer::sum);
      }
      return counts.entrySet().stream().map(e -> e.getValue() + " x " + e.getKey()).collect(Collectors.joining(", "));
    }

    /** SELECTs whose exact text ran more than once with different parameter values, with how often. */
    Map<String, Integer> repeatedSelects() {
      Map<String, Set<List<Object>>> parameters = new LinkedHashMap<>();
      Map<String, Integer> runs = new LinkedHashMap<>();
      for (Executed e : statements) {
        if (e.isSelect()) {
          parameters.computeIfAbsent(e.sql(), k -> new LinkedHashSet<>()).add(e.parameters());
          runs.merge(e.sql(), 1, Integer::sum);
        }
      }
      Map<String, Integer> repeated = new LinkedHashMap<>();
      parameters.forEach((sql, values) -> {
        if (values.size() > 1) {
          repeated.put(shorten(sql), runs.get(sql));
        }
      });
      return repeated;
    }
  }

  private static final Pattern TABLE = Pattern.compile("\\b(?:from|join)\\s+([a-z_][a-z0-9_]*)");
  private static final Pattern SELECT_LIST = Pattern.compile("^select (distinct )?.*? from ");
  private static final Pattern QUALIFIER = Pattern.compile("\\b[a-z][a-z0-9_]*\\d+_\\d+\\.");
  private static final Pattern ALIAS = Pattern.compile(" [a-z][a-z0-9_]*\\d+_\\d+\\b");
  private static final Pattern PLACEHOLDERS = Pattern.compile("\\(\\?(\\s*,\\s*\\?)+\\)");

  private final List<Executed> executed = Collections.synchronizedList(new ArrayList<>());
  private final AtomicLong rowsRead = new AtomicLong();
  private volatile boolean recording;

  /** A DataSource whose statements this log sees. */
  DataSource wrap(DataSource dataSource) {
    return ProxyDataSourceBuilder.create(dataSource).name("hidden").proxyResultSet().methodListener(new MethodExecutionListener() {
      @Override
      public void beforeMethod(MethodExecutionContext context) {}

      @Override
      public void afterMethod(MethodExecutionContext context) {
        if (recording && context.getTarget() instanceof ResultSet && "next".equals(context.getMethod().getName())
            && Boolean.TRUE.equals(context.getResult())) {
          rowsRead.incrementAndGet();
        }
      }
    }).listener(new QueryExecutionListener() {
      @Override
      public void beforeQuery(ExecutionInfo execInfo, List<QueryInfo> queryInfoList) {}

      @Override
      public void afterQuery(ExecutionInfo execInfo, List<QueryInfo> queryInfoList) {
        if (!recording) {
          return;
        }
        for (QueryInfo query : queryInfoList) {
          List<List<ParameterSetOperation>> sets = query.getParametersList();
          if (sets.isEmpty()) {
            executed.add(new Executed(query.getQuery(), List.of(), Thread.currentThread().getName()));
          }
          for (List<ParameterSetOperation> set : sets) {
            executed.add(new Executed(query.getQuery(), values(set), Thread.currentThread().getName()));
          }
        }
      }
    }).build();
  }

  /** Runs {@code action} (statements from every thread count) and returns its result with the statements. */
  synchronized <T> Recorded<T> record(Supplier<T> action) {
    executed.clear();
    rowsRead.set(0);
    recording = true;
    T result;
    try {
      result = action.get();
    } finally {
      recording = false;
    }
    synchronized (executed) {
      return new Recorded<>(result, List.copyOf(executed), rowsRead.get());
    }
  }

  private static List<Object> values(List<ParameterSetOperation> set) {
    List<Object> values = new ArrayList<>();
    for (ParameterSetOperation op : set) {
      Object[] args = op.getArgs();
      Object value = args == null || args.length < 2 ? null : args[1];
      values.add(value != null && value.getClass().isArray() ? arrayToString(value) : value);
    }
    return values;
  }

  private static String arrayToString(Object array) {
    if (array instanceof Object[] objects) {
      return Arrays.deepToString(objects);
    }
    if (array instanceof long[] longs) {
      return Arrays.toString(longs);
    }
    if (array instanceof int[] ints) {
      return Arrays.toString(ints);
    }
    return String.valueOf(array);
  }

  static String shorten(String sql) {
    String s = sql.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ").trim();
    s = SELECT_LIST.matcher(s).replaceFirst("select from ");
    s = QUALIFIER.matcher(s).replaceAll("");
    s = ALIAS.matcher(s).replaceAll("");
    s = PLACEHOLDERS.matcher(s).replaceAll("(?, ...)");
    return s.length() > 160 ? s.substring(0, 157) + "..." : s;
  }
}
