package dev.grader.run.child;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Turns JUnit Platform events into the grader's JSON-lines events. A scoring unit is a test method:
 * a plain test, or a parameterised/repeated test template whose invocations are folded into it (it
 * passes only when every invocation passes).
 */
final class EventListener implements TestExecutionListener {

  private static final int MAX_TRACE_FRAMES = 12;
  /** Progress inside a unit (an invocation of a parameterised test): keeps the grader's watchdog fed. */
  private static final String TICK = "{\"event\":\"tick\"}";

  private final EventChannel channel;
  private final OutputCapture capture;
  private final Map<String, Long> started = new HashMap<>();
  private final Map<String, Throwable> folded = new HashMap<>();
  private final Map<String, String> foldedStatus = new HashMap<>();
  private TestPlan plan;

  EventListener(EventChannel channel, OutputCapture capture) {
    this.channel = channel;
    this.capture = capture;
  }

  @Override
  public void testPlanExecutionStarted(TestPlan testPlan) {
    this.plan = testPlan;
    StringBuilder b = new StringBuilder("{\"event\":\"plan\",\"tests\":[");
    boolean first = true;
    List<TestIdentifier> ordered = new ArrayList<>();
    walk(testPlan, testPlan.getRoots(), ordered);
    for (TestIdentifier id : ordered) {
      if (!isUnit(id)) {
        continue;
      }
      MethodSource m = (MethodSource) id.getSource().orElseThrow();
      b.append(first ? "" : ",").append("{\"id\":").append(Json.quote(id.getUniqueId()))
          .append(",\"class\":").append(Json.quote(m.getClassName()))
          .append(",\"method\":").append(Json.quote(m.getMethodName()))
          .append(",\"display\":").append(Json.quote(id.getDisplayName()))
          .append(",\"tags\":[");
      b.append(String.join(",", id.getTags().stream().map(t -> Json.quote(t.getName())).sorted().toList()));
      b.append("],\"ancestors\":[");
      List<String> ancestors = new ArrayList<>();
      for (Optional<TestIdentifier> p = testPlan.getParent(id); p.isPresent(); p = testPlan.getParent(p.get())) {
        ancestors.add(Json.quote(p.get().getUniqueId()));
      }
      b.append(String.join(",", ancestors)).append("]}");
      first = false;
    }
    channel.send(b.append("]}").toString());
  }

  private static void walk(TestPlan plan, Iterable<TestIdentifier> level, List<TestIdentifier> out) {
    for (TestIdentifier id : level) {
      out.add(id);
      walk(plan, plan.getChildren(id), out);
    }
  }

  private static boolean isUnit(TestIdentifier id) {
    Optional<TestSource> source = id.getSource();
    return source.isPresent() && source.get() instanceof MethodSource;
  }

  /** The scoring unit an identifier belongs to: itself, or the nearest method-sourced ancestor. */
  private Optional<TestIdentifier> unitOf(TestIdentifier id) {
    TestIdentifier unit = null;
    for (Optional<TestIdentifier> cur = Optional.of(id); cur.isPresent(); cur = plan.getParent(cur.get())) {
      if (isUnit(cur.get())) {
        unit = cur.get();
      }
    }
    return Optional.ofNullable(unit);
  }

  @Override
  public void executionStarted(TestIdentifier id) {
    Optional<TestIdentifier> unit = unitOf(id);
    if (unit.isPresent() && !unit.get().equals(id)) {
      channel.send(TICK);
    } else if (unit.isPresent()) {
      capture.reset();
      started.put(id.getUniqueId(), System.nanoTime());
      channel.send("{\"event\":\"started\",\"id\":" + Json.quote(id.getUniqueId()) + "}");
    }
  }

  @Override
  public void executionSkipped(TestIdentifier id, String reason) {
    Optional<TestIdentifier> unit = unitOf(id);
    if (unit.isPresent() && unit.get().equals(id)) {
      channel.send("{\"event\":\"finished\",\"id\":" + Json.quote(id.getUniqueId())
          + ",\"status\":\"skipped\",\"message\":" + Json.quote("skipped: " + reason) + ",\"duration_ms\":0}");
    } else if (unit.isEmpty()) {
      channel.send("{\"event\":\"container\",\"id\":" + Json.quote(id.getUniqueId())
          + ",\"status\":\"skipped\",\"message\":" + Json.quote("skipped: " + reason) + "}");
    }
  }

  @Override
  public void executionFinished(TestIdentifier id, TestExecutionResult result) {
    Optional<TestIdentifier> unit = unitOf(id);
    Throwable error = result.getThrowable().orElse(null);
    String status = status(result, error);
    if (unit.isEmpty()) {
      if (!"passed".equals(status)) {
        channel.send("{\"event\":\"container\",\"id\":" + Json.quote(id.getUniqueId()) + ",\"status\":"
            + Json.quote(status) + ",\"message\":" + Json.quote(message(error)) + ",\"exception\":"
            + Json.quote(error == null ? null : error.getClass().getName()) + ",\"trace\":" + Json.quote(trace(error)) + "}");
      }
      return;
    }
    String unitId = unit.get().getUniqueId();
    if (!unit.get().equals(id)) {
      channel.send(TICK);
      if (!"passed".equals(status) && !folded.containsKey(unitId)) {
        folded.put(unitId, error);
        foldedStatus.put(unitId, status);
      }
      return;
    }
    if ("passed".equals(status) && foldedStatus.containsKey(unitId)) {
      status = foldedStatus.get(unitId);
      error = folded.get(unitId);
    }
    Long t0 = started.get(unitId);
    long ms = t0 == null ? 0 : (System.nanoTime() - t0) / 1_000_000;
    String detail = "timed_out".equals(status) ? Stuck.describe(error) : null;
    channel.send("{\"event\":\"finished\",\"id\":" + Json.quote(unitId) + ",\"status\":" + Json.quote(status)
        + ",\"message\":" + Json.quote(error == null ? null : message(error))
        + ",\"detail\":" + Json.quote(detail)
        + ",\"exception\":" + Json.quote(error == null ? null : error.getClass().getName())
        + ",\"trace\":" + Json.quote(trace(error))
        + ",\"duration_ms\":" + ms
        + ",\"output\":" + Json.quote(capture.take()) + "}");
  }

  private static String status(TestExecutionResult result, Throwable error) {
    return switch (result.getStatus()) {
      case SUCCESSFUL -> "passed";
      case ABORTED -> "skipped";
      case FAILED -> error instanceof TimeoutException ? "timed_out" : "failed";
    };
  }

  static String message(Throwable error) {
    if (error == null) {
      return null;
    }
    if (error instanceof StackOverflowError) {
      StackTraceElement[] frames = error.getStackTrace();
      return "stack overflow (unbounded recursion?)" + (frames.length == 0 ? "" : " in " + frame(frames[0]));
    }
    String m = error.getMessage();
    return m == null || m.isBlank() ? error.getClass().getName() : m;
  }

  /** {@code com.acme.X.y(X.java:12)}: a frame without the class loader and module prefixes. */
  static String frame(StackTraceElement f) {
    return f.getClassName() + "." + f.getMethodName() + "(" + (f.getFileName() == null ? "Unknown Source"
        : f.getFileName() + (f.getLineNumber() >= 0 ? ":" + f.getLineNumber() : "")) + ")";
  }

  /** The exception and its causes with a few frames each, JUnit's own frames left out. */
  static String trace(Throwable error) {
    if (error == null) {
      return null;
    }
    StringWriter sw = new StringWriter();
    PrintWriter pw = new PrintWriter(sw);
    int depth = 0;
    for (Throwable t = error; t != null && depth < 4; t = t.getCause(), depth++) {
      pw.println((depth == 0 ? "" : "Caused by: ") + t);
      int shown = 0;
      for (StackTraceElement frame : t.getStackTrace()) {
        String c = frame.getClassName();
        if (c.startsWith("org.junit.") || c.startsWith("jdk.internal.") || c.startsWith("java.lang.reflect.")
            || c.startsWith("sun.reflect.") || c.startsWith("dev.grader.run.child.")) {
          continue;
        }
        if (shown++ == MAX_TRACE_FRAMES) {
          pw.println("\t...");
          break;
        }
        pw.println("\tat " + frame);
      }
      if (t.getCause() == t) {
        break;
      }
    }
    pw.flush();
    return sw.toString();
  }
}
