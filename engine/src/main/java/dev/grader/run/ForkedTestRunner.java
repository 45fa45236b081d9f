package dev.grader.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.grader.exercise.Durations;
import dev.grader.run.child.ChildMain;
import dev.grader.workspace.BundledTree;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Runs hidden suites in a forked, bounded JVM. Events come back as JSON lines over a loopback socket
 * that the test JVM opens with a one-time token; the candidate's stdout and stderr are drained
 * separately and capped. A test still running at its limit fails as timed out, the JVM is killed
 * with everything it started, and every test that never ran is reported as not run.
 */
public final class ForkedTestRunner {

  /** Bytes of a test's own output kept for the report. */
  static final int OUTPUT_CAP_PER_TEST = 8 * 1024;
  /** Bytes of the test JVM's raw stdout/stderr kept (output that bypassed System.out). */
  static final int PROCESS_OUTPUT_CAP = 8 * 1024;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Path runnerClasses;
  private final String javaCommand;

  public ForkedTestRunner(Path runnerClasses) {
    this.runnerClasses = runnerClasses;
    this.javaCommand = Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** Copies the test-JVM side of the runner out of the grader into {@code dir}, once per grader process. */
  public static Path extractRunner(Path dir) {
    String pkg = ChildMain.class.getPackageName().replace('.', '/');
    BundledTree.extract(pkg + "/ChildMain.class", 0, rel -> rel.endsWith(".class"), dir.resolve(pkg));
    return dir;
  }

  /** Restarts of the test JVM after tests that timed out; beyond this the rest is reported not run. */
  static final int MAX_RESTARTS = 5;

  /**
   * Starts the test JVM for {@code request} without running anything yet: it loads the JUnit Platform
   * while the grader compiles, and waits. {@link Prepared#run()} runs the suites; closing an unused
   * one kills the JVM (a submission that did not compile).
   */
  public Prepared prepare(RunRequest request) {
    return new Prepared(request, spawn(request, null));
  }

  /** Prepares and runs in one go. */
  public RunOutcome run(RunRequest request) {
    try (Prepared p = prepare(request)) {
      return p.run();
    }
  }

  /** A test JVM started for one request; see {@link #prepare}. */
  public final class Prepared implements AutoCloseable {
    private final RunRequest request;
    private Spawned first;

    private Prepared(RunRequest request, Spawned first) {
      this.request = request;
      this.first = first;
    }

    /**
     * Runs the hidden suites. When a test times out, the JVM (with whatever the test left running) is
     * killed and a new one runs the tests that had not run yet, within the same whole-run limit.
     */
    public RunOutcome run() {
      long start = System.nanoTime();
      long deadline = start + request.wholeRun().toNanos();
      Map<String, TestOutcome> earlier = new LinkedHashMap<>();
      List<String> order = new ArrayList<>();
      List<String> only = null;
      int timeouts = 0;
      for (int attempt = 0; ; attempt++) {
        Spawned jvm = attempt == 0 ? first : spawn(request, only);
        first = null;
        Attempt a = attempt(request, jvm, deadline, start);
        if (order.isEmpty()) {
          a.outcome().tests().forEach(t -> order.add(t.id()));
        }
        boolean restart = a.testTimedOut() && attempt < MAX_RESTARTS && System.nanoTime() < deadline
            && a.outcome().tests().stream().anyMatch(t -> t.status() == TestStatus.NOT_RUN);
        if (a.testTimedOut()) {
          timeouts++;
        }
        if (!restart) {
          return merge(order, earlier, a.outcome(), timeouts, millisSince(start));
        }
        List<String> next = new ArrayList<>();
        for (TestOutcome t : a.outcome().tests()) {
          if (t.status() == TestStatus.NOT_RUN) {
            next.add(t.id());
          } else {
            earlier.put(t.id(), t);
          }
        }
        only = next;
      }
    }

    @Override
    public void close() {
      if (first != null) {
        first.close();
        first = null;
      }
    }
  }

  /** A started test JVM with its end of the event channel and its output drains. */
  private record Spawned(ServerSocket server, String token, Process process, CappedSink stdout, CappedSink stderr)
      implements AutoCloseable {
    @Override
    public void close() {
      kill(process);
      try {
        server.close();
      } catch (IOException e) {
        // nothing to do
      }
    }
  }

  private Spawned spawn(RunRequest request, List<String> only) {
    ServerSocket server = null;
    try {
      server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
      String token = token();
      Process process = start(request, server.getLocalPort(), token, only);
      return new Spawned(server, token, process,
          new CappedSink(process.getInputStream(), PROCESS_OUTPUT_CAP, "test-jvm-stdout"),
          new CappedSink(process.getErrorStream(), PROCESS_OUTPUT_CAP, "test-jvm-stderr"));
    } catch (IOException e) {
      if (server != null) {
        try {
          server.close();
        } catch (IOException ignored) {
          // reported below
        }
      }
      throw new UncheckedIOException("cannot start the test JVM: " + e.getMessage(), e);
    }
  }

  private static RunOutcome merge(List<String> order, Map<String, TestOutcome> earlier, RunOutcome last, int timeouts,
      long millis) {
    if (earlier.isEmpty()) {
      return last;
    }
    Map<String, TestOutcome> all = new LinkedHashMap<>(earlier);
    last.tests().forEach(t -> all.put(t.id(), t));
    List<TestOutcome> tests = new ArrayList<>();
    order.forEach(id -> {
      if (all.containsKey(id)) {
        tests.add(all.remove(id));
      }
    });
    tests.addAll(all.values());
    String note = timeouts + " test" + (timeouts == 1 ? "" : "s") + " timed out; the test JVM was restarted for the tests after "
        + (timeouts == 1 ? "it" : "each");
    String message = last.endingMessage() == null ? note : last.endingMessage() + " (" + note + ")";
    return new RunOutcome(tests, last.ending(), message, last.exitCode(), last.stdoutExcerpt(), last.stderrExcerpt(), millis);
  }

  private record Attempt(RunOutcome outcome, boolean testTimedOut) {}

  private Attempt attempt(RunRequest request, Spawned jvm, long deadline, long start) {
    try (jvm) {
      Session session = new Session(request, jvm.process(), jvm.server(), jvm.token(), deadline);
      session.loop();
      return new Attempt(session.outcome(jvm.stdout().excerpt(1000), jvm.stderr().excerpt(1000), millisSince(start)),
          session.testTimedOut);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run the test JVM: " + e.getMessage(), e);
    }
  }

  private Process start(RunRequest request, int port, String token, List<String> only) throws IOException {
    Path tmp = request.workDir().resolve("tmp");
    Files.createDirectories(tmp);
    List<String> cp = new ArrayList<>();
    cp.add(runnerClasses.toString());
    request.classpath().forEach(p -> cp.add(p.toString()));
    Path argFile = request.workDir().resolve("classpath.args");
    Files.writeString(argFile, "-cp \"" + String.join(File.pathSeparator, cp).replace("\\", "\\\\") + "\"\n");
    List<String> cmd = new ArrayList<>(List.of(javaCommand,
        "-Xmx" + request.maxHeap(),
        "-Xss1m",
        "-XX:+UseSerialGC",
        "-XX:+ExitOnOutOfMemoryError",
        "-XX:-UsePerfData",
        "-Xshare:auto",
        "-Dfile.encoding=UTF-8",
        "-Djava.io.tmpdir=" + tmp,
        "-Djava.awt.headless=true"));
    String extra = System.getenv("GRADER_TEST_JVM_OPTS");
    if (extra != null && !extra.isBlank()) {
      cmd.addAll(List.of(extra.trim().split("\\s+")));
    }
    request.systemProperties().forEach((k, v) -> cmd.add("-D" + k + "=" + v));
    cmd.add("@" + argFile);
    cmd.add(ChildMain.class.getName());
    cmd.add(Integer.toString(port));
    cmd.add(token);
    cmd.add(request.hiddenClasses().toString());
    cmd.add(Long.toString(request.perTest().toMillis()));
    cmd.add(Integer.toString(OUTPUT_CAP_PER_TEST));
    if (only != null) {
      Path selection = request.workDir().resolve("selection-" + System.nanoTime() + ".txt");
      Files.write(selection, only);
      cmd.add(selection.toString());
    }
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(request.workDir().toFile());
    pb.environment().remove("JAVA_TOOL_OPTIONS");
    pb.environment().remove("_JAVA_OPTIONS");
    pb.environment().remove("JDK_JAVA_OPTIONS");
    Process process = pb.start();
    process.getOutputStream().close();
    return process;
  }

  static void kill(Process process) {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    if (!process.isAlive()) {
      return;
    }
    process.destroyForcibly();
    try {
      process.waitFor(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** A one-time token the test JVM presents on the event channel. */
  private static String token() {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  private static long millisSince(long startNanos) {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }

  /** The state of one run: what was planned, what finished, what is running. */
  private static final class Session {
    private final RunRequest request;
    private final Process process;
    private final ServerSocket server;
    private final String token;
    private final long deadline;
    private final long silenceLimit;
    private final BlockingQueue<Object> events = new LinkedBlockingQueue<>();
    private final Map<String, JsonNode> planned = new LinkedHashMap<>();
    private final Map<String, TestOutcome> finished = new HashMap<>();
    private final Map<String, JsonNode> containers = new HashMap<>();
    private String running;
    private long lastEvent;
    private String ending = "completed";
    private String endingMessage;
    private Integer exitCode;
    private boolean planSeen;
    /** A test hit its time limit and the JVM was stopped: the tests after it may run in a new JVM. */
    boolean testTimedOut;

    Session(RunRequest request, Process process, ServerSocket server, String token, long deadline) {
      this.request = request;
      this.process = process;
      this.server = server;
      this.token = token;
      this.deadline = deadline;
      long grace = Math.max(Duration.ofSeconds(3).toNanos(), request.perTest().toNanos() / 2);
      this.silenceLimit = request.perTest().toNanos() + grace;
    }

    void loop() throws IOException {
      Socket socket = accept();
      if (socket == null) {
        return;
      }
      try (socket) {
        Thread reader = new Thread(() -> read(socket), "test-jvm-events");
        reader.setDaemon(true);
        reader.start();
        lastEvent = System.nanoTime();
        while (true) {
          Object item;
          try {
            item = events.poll(100, TimeUnit.MILLISECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop("interrupted", "the grader was interrupted");
            return;
          }
          long now = System.nanoTime();
          if (item == null) {
            if (now > deadline) {
              stop("timed_out", "the whole run exceeded its limit of " + Durations.format(request.wholeRun())
                  + "; the test JVM was stopped");
              return;
            }
            if (planSeen && now - lastEvent > silenceLimit) {
              testTimedOut = running != null;
              stop("timed_out", (running != null ? "a test" : "the test JVM") + " made no progress for "
                  + Durations.format(Duration.ofNanos(now - lastEvent)) + " (per-test limit "
                  + Durations.format(request.perTest()) + "); the test JVM was stopped");
              return;
            }
            continue;
          }
          lastEvent = now;
          if (item instanceof EndOfStream) {
            crashed();
            return;
          }
          JsonNode event = (JsonNode) item;
          switch (event.path("event").asText()) {
            case "plan" -> {
              planSeen = true;
              for (JsonNode t : event.path("tests")) {
                planned.put(t.path("id").asText(), t);
              }
            }
            case "started" -> running = event.path("id").asText();
            case "finished" -> {
              if (finish(event) == TestStatus.TIMED_OUT) {
                testTimedOut = true;
                stop("timed_out", "a test timed out; the test JVM was stopped with anything it left running");
                return;
              }
            }
            case "container" -> containers.put(event.path("id").asText(), event);
            case "fatal" -> {
              ending = "crashed";
              endingMessage = "the test runner failed: " + event.path("message").asText();
            }
            case "done" -> {
              waitForExit(5);
              return;
            }
            default -> { }
          }
        }
      }
    }

    private Socket accept() throws IOException {
      server.setSoTimeout(100);
      while (true) {
        try {
          Socket s = server.accept();
          s.setSoTimeout(0);
          BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
          s.setSoTimeout(5000);
          String hello = in.readLine();
          s.setSoTimeout(0);
          JsonNode node = hello == null ? null : JSON.readTree(hello);
          if (node != null && token.equals(node.path("token").asText())) {
            pending = in;
            s.getOutputStream().write("go\n".getBytes(StandardCharsets.UTF_8));
            s.getOutputStream().flush();
            return s;
          }
          s.close();
        } catch (SocketTimeoutException e) {
          if (!process.isAlive()) {
            crashed();
            return null;
          }
          if (System.nanoTime() > deadline) {
            stop("timed_out", "the test JVM did not start within " + Durations.format(request.wholeRun()));
            return null;
          }
        }
      }
    }

    private BufferedReader pending;

    private void read(Socket socket) {
      try {
        String line;
        while ((line = pending.readLine()) != null) {
          try {
            events.add(JSON.readTree(line));
          } catch (IOException e) {
            // a malformed line cannot come from the runner; ignore it
          }
        }
      } catch (IOException e) {
        // closed
      }
      events.add(new EndOfStream());
    }

    private TestStatus finish(JsonNode e) {
      String id = e.path("id").asText();
      JsonNode plan = planned.get(id);
      if (plan == null) {
        return null;
      }
      TestStatus status = TestStatus.fromEvent(e.path("status").asText("failed"));
      String message = text(e, "message");
      if (status == TestStatus.TIMED_OUT) {
        message = "timed out after " + Durations.format(request.perTest()) + " (the per-test limit)";
      }
      finished.put(id, outcome(plan, status, message, text(e, "exception"), text(e, "trace"),
          e.path("duration_ms").asLong(), text(e, "output")));
      if (id.equals(running)) {
        running = null;
      }
      return status;
    }

    private void crashed() {
      waitForExit(3);
      ending = "crashed";
      String reason;
      if (exitCode == null) {
        reason = "the test JVM closed its event channel and did not exit";
      } else if (exitCode == 3) {
        reason = "the test JVM ran out of memory (heap limit " + request.maxHeap() + ")";
      } else if (exitCode >= 128) {
        reason = "the test JVM was killed by signal " + (exitCode - 128);
      } else {
        reason = "the test JVM exited with status " + exitCode + " (System.exit or Runtime.halt?)";
      }
      if (endingMessage == null) {
        endingMessage = reason;
      }
    }

    private void stop(String why, String message) {
      ending = why;
      endingMessage = message;
      kill(process);
      exitCode = process.isAlive() ? null : process.exitValue();
    }

    private void waitForExit(int seconds) {
      try {
        if (process.waitFor(seconds, TimeUnit.SECONDS)) {
          exitCode = process.exitValue();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    RunOutcome outcome(String stdout, String stderr, long millis) {
      List<TestOutcome> tests = new ArrayList<>();
      String runningName = running == null || !planned.containsKey(running) ? null : name(planned.get(running));
      for (Map.Entry<String, JsonNode> entry : planned.entrySet()) {
        String id = entry.getKey();
        JsonNode plan = entry.getValue();
        TestOutcome done = finished.get(id);
        if (done != null) {
          tests.add(done);
          continue;
        }
        JsonNode container = failedAncestor(plan);
        if (id.equals(running)) {
          TestStatus status = "timed_out".equals(ending) ? TestStatus.TIMED_OUT : TestStatus.CRASHED;
          tests.add(outcome(plan, status, endingMessage + " during this test", null, null, 0, null));
        } else if (container != null) {
          boolean skipped = "skipped".equals(container.path("status").asText());
          tests.add(outcome(plan, skipped ? TestStatus.SKIPPED : TestStatus.FAILED,
              skipped ? text(container, "message") : "set-up of the test class failed: " + text(container, "message"),
              text(container, "exception"), text(container, "trace"), 0, null));
        } else {
          String why = "completed".equals(ending) ? "not run" : "not run: " + endingMessage
              + (runningName != null ? " during " + runningName : "");
          tests.add(outcome(plan, TestStatus.NOT_RUN, why, null, null, 0, null));
        }
      }
      if (!planSeen && "completed".equals(ending)) {
        ending = "crashed";
        endingMessage = "the test JVM reported no test plan";
      }
      return new RunOutcome(tests, ending, endingMessage, exitCode, stdout, stderr, millis);
    }

    private JsonNode failedAncestor(JsonNode plan) {
      for (JsonNode a : plan.path("ancestors")) {
        JsonNode c = containers.get(a.asText());
        if (c != null) {
          return c;
        }
      }
      return null;
    }

    private static String name(JsonNode plan) {
      String c = plan.path("class").asText();
      return c.substring(c.lastIndexOf('.') + 1).replace('$', '.') + "." + plan.path("method").asText();
    }

    private static TestOutcome outcome(JsonNode plan, TestStatus status, String message, String exception,
        String trace, long millis, String output) {
      List<String> tags = new ArrayList<>();
      plan.path("tags").forEach(t -> tags.add(t.asText()));
      return new TestOutcome(plan.path("id").asText(), plan.path("class").asText(), plan.path("method").asText(),
          plan.path("display").asText(), tags, status, message, exception, trace, millis,
          output == null || output.isEmpty() ? null : output);
    }

    private static String text(JsonNode node, String field) {
      JsonNode v = node.get(field);
      return v == null || v.isNull() ? null : v.asText();
    }
  }

  private record EndOfStream() { }
}
