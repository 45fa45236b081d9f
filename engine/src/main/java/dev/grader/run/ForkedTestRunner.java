package dev.grader.run;

import dev.grader.model.TestStatus;
import dev.grader.run.boot.RunnerBoot;
import dev.grader.run.child.ChildMain;
import dev.grader.run.child.StartArgs;
import dev.grader.workspace.BundledTree;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs hidden suites in a forked, bounded JVM, started by a {@link TestJvmLauncher} (a local process or a
 * container, see {@link Sandbox}). Events come back as JSON lines over a socket that the test JVM opens
 * with a one-time token; the candidate's stdout and stderr are drained separately and capped. A test still
 * running at its limit fails as timed out, the JVM is killed with everything it started, and every test
 * that never ran is reported as not run. The test JVM is stopped when it prints more than
 * {@link #OUTPUT_LIMIT} bytes or runs more than {@link #THREAD_LIMIT} threads; a run during which the
 * compiled hidden suites or the runner changed on disk does not count.
 */
public final class ForkedTestRunner implements AutoCloseable {

  /** Bytes of a test's own output kept for the report. */
  static final int OUTPUT_CAP_PER_TEST = 8 * 1024;
  /** Bytes of the test JVM's raw stdout/stderr kept (output that bypassed System.out). */
  static final int PROCESS_OUTPUT_CAP = 8 * 1024;
  /** Bytes the code under test may print in one run, captured and raw together, before the JVM is stopped. */
  public static final long OUTPUT_LIMIT = 64L << 20;
  /** Live threads the test JVM may have before it is stopped. */
  public static final int THREAD_LIMIT = 1000;
  /** Restarts of the test JVM after tests that timed out; beyond this the rest is reported not run. */
  static final int MAX_RESTARTS = 5;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final TestJvmLauncher launcher;

  /** A runner that starts local test JVMs ({@link Sandbox#NONE}). */
  public ForkedTestRunner() {
    this(new LocalLauncher());
  }

  /** A runner for {@code sandbox}; see {@link Sandbox#launcher}. */
  public ForkedTestRunner(Sandbox sandbox) {
    this(sandbox, null);
  }

  /** A runner for {@code sandbox} keeping what it caches (a class archive for test JVMs) in {@code cacheDir}. */
  public ForkedTestRunner(Sandbox sandbox, Path cacheDir) {
    this(sandbox.launcher(cacheDir));
  }

  /** As {@link #ForkedTestRunner(Sandbox, Path)}, with {@code image} for {@link Sandbox#DOCKER} (null: the default). */
  public ForkedTestRunner(Sandbox sandbox, Path cacheDir, String image) {
    this(sandbox.launcher(cacheDir, image));
  }

  ForkedTestRunner(TestJvmLauncher launcher) {
    this.launcher = launcher;
  }

  /** What the report says about where tests run. */
  public String sandboxDescription() {
    return launcher.description();
  }

  /** A warning every report graded by this runner carries (what its sandbox does not contain), or null. */
  public String sandboxWarning() {
    return launcher.warning();
  }

  /**
   * Starts the test JVM for {@code request} without running anything yet: it loads the JUnit Platform
   * while the grader compiles, and waits. {@link Prepared#run()} runs the suites; closing an unused
   * one kills the JVM (a submission that did not compile).
   */
  public Prepared prepare(RunRequest request) {
    Path privateDir = request.workDir().resolveSibling(request.workDir().getFileName() + "-grader");
    try {
      Files.createDirectories(request.workDir().resolve("tmp"));
      Files.createDirectories(privateDir);
      // A fresh copy per grade: a test JVM that overwrote another grade's runner cannot reach this one. The runner
      // is a module of its own (see RunnerBoot), off the class path; only its boot class is on it.
      Path runner = privateDir.resolve("runner");
      String pkg = ChildMain.class.getPackageName().replace('.', '/');
      BundledTree.extract(pkg + "/ChildMain.class", 0, rel -> rel.endsWith(".class"),
          runner.resolve(RunnerBoot.MODULE_FOLDER).resolve(pkg));
      String boot = RunnerBoot.class.getPackageName().replace('.', '/');
      BundledTree.extract(boot + "/RunnerBoot.class", 0, rel -> rel.endsWith(".class"),
          runner.resolve(RunnerBoot.BOOT_FOLDER).resolve(boot));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare the test JVM's folders: " + e.getMessage(), e);
    }
    Prepared p = new Prepared(request, privateDir);
    p.first = spawn(request, privateDir, p.libraries, null, 0);
    return p;
  }

  /** Prepares and runs in one go. */
  public RunOutcome run(RunRequest request) {
    try (Prepared p = prepare(request)) {
      return p.run();
    }
  }

  @Override
  public void close() {
    launcher.close();
  }

  /** A test JVM started for one request; see {@link #prepare}. */
  public final class Prepared implements AutoCloseable {
    private final RunRequest request;
    private final Path privateDir;
    /** The jars the classpath starts with: the exercise's libraries (see {@link #leadingJars}). */
    private final List<Path> libraries;
    private Spawned first;

    private Prepared(RunRequest request, Path privateDir) {
      this.request = request;
      this.privateDir = privateDir;
      this.libraries = leadingJars(request.classpath());
    }

    /** Runs the hidden suites; see {@link #run(Map)}. */
    public RunOutcome run() {
      return run(Map.of());
    }

    /**
     * Runs the hidden suites, the test JVM given {@code properties} as system properties before they start (what
     * was not known when it started: a fresh database, say). When a test times out, the JVM (with whatever the
     * test left running) is killed and a new one runs the tests that had not run yet, within the same whole-run
     * limit.
     */
    public RunOutcome run(Map<String, String> properties) {
      Map<String, String> late = new LinkedHashMap<>();
      properties.forEach((k, v) -> late.put(k, launcher.propertyValue(v)));
      long start = System.nanoTime();
      long deadline = start + request.wholeRun().toNanos();
      List<Path> guarded = List.of(request.hiddenClasses(), privateDir.resolve("runner"));
      Fingerprint before = Fingerprint.of(guarded);
      Map<String, TestOutcome> earlier = new LinkedHashMap<>();
      List<String> order = new ArrayList<>();
      List<String> notes = new ArrayList<>();
      List<String> only = null;
      int timeouts = 0;
      for (int attempt = 0; ; attempt++) {
        Spawned jvm = attempt == 0 ? first : spawn(request, privateDir, libraries, only, attempt);
        first = null;
        Attempt a = attempt(request, jvm, deadline, start, late);
        notes.addAll(a.notes());
        if (order.isEmpty()) {
          a.outcome().tests().forEach(t -> order.add(t.id()));
        }
        if (a.testTimedOut()) {
          timeouts++;
        }
        if (attempt == 0) {
          launcher.ended(libraries, classList(request), a.outcome().completed());
        }
        List<String> changed = Fingerprint.of(guarded).changedSince(before);
        if (!changed.isEmpty()) {
          return voided(merge(order, earlier, a.outcome(), timeouts, notes, millisSince(start)),
              "the code under test changed the grader's compiled test classes or runner while the tests ran ("
              + changed.size() + " file" + (changed.size() == 1 ? "" : "s") + ", e.g. " + changed.get(0)
              + "); no test of this run counts");
        }
        if (a.voided() != null) { // tests passed in an earlier test JVM do not count either
          return voided(merge(order, earlier, a.outcome(), timeouts, notes, millisSince(start)), a.voided());
        }
        boolean restart = a.testTimedOut() && attempt < MAX_RESTARTS && System.nanoTime() < deadline
            && a.outcome().tests().stream().anyMatch(t -> t.status() == TestStatus.NOT_RUN);
        if (!restart) {
          return merge(order, earlier, a.outcome(), timeouts, notes, millisSince(start));
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

  /** A started test JVM with its end of the event channel. */
  private record Spawned(EventServer server, String token, TestJvm jvm) implements AutoCloseable {
    @Override
    public void close() {
      jvm.close();
      server.close();
    }
  }

  private Spawned spawn(RunRequest request, Path privateDir, List<Path> jars, List<String> only, int attempt) {
    EventServer server = null;
    try {
      Path runner = privateDir.resolve("runner");
      List<Path> readOnly = new ArrayList<>();
      readOnly.add(runner);
      readOnly.addAll(request.classpath());
      // The runner's boot class right after the leading jars (the exercise's libraries), before any folder of compiled
      // classes: nothing the submission compiles can shadow it (nor the runner, which is a module: see RunnerBoot).
      List<String> cp = new ArrayList<>();
      jars.forEach(p -> cp.add(launcher.path(p)));
      cp.add(launcher.path(runner.resolve(RunnerBoot.BOOT_FOLDER)));
      request.classpath().subList(jars.size(), request.classpath().size()).forEach(p -> cp.add(launcher.path(p)));
      // Grader-side files live outside the folder the test JVM works in.
      Path argFile = privateDir.resolve("classpath.args");
      Files.writeString(argFile, "-cp \"" + String.join(File.pathSeparator, cp).replace("\\", "\\\\") + "\"\n");
      readOnly.add(argFile);
      server = launcher.openChannel(privateDir);
      String token = token();
      List<String> cmd = new ArrayList<>(List.of(launcher.java(),
          "-Xmx" + request.maxHeap(),
          "-Xss1m",
          // C1 only: a test run is seconds long, over before C2's optimised code would pay for its compiling (which
          // costs every run about a tenth of its processor time, and more when grades run side by side).
          "-XX:TieredStopAtLevel=1",
          "-XX:+UseSerialGC",
          "-XX:+ExitOnOutOfMemoryError",
          "-XX:-UsePerfData",
          "-Xshare:auto",
          "-Dfile.encoding=UTF-8",
          "-Djava.io.tmpdir=" + launcher.path(request.workDir().resolve("tmp")),
          "-Djava.awt.headless=true"));
      if (attempt == 0) { // a restart after a timeout neither records nor waits on a recording
        cmd.addAll(launcher.classArchiveOptions(jars, classList(request)));
      }
      String extra = System.getenv("GRADER_TEST_JVM_OPTS");
      if (extra != null && !extra.isBlank()) {
        cmd.addAll(List.of(extra.trim().split("\\s+")));
      }
      request.systemProperties().forEach((k, v) -> cmd.add("-D" + k + "=" + launcher.propertyValue(v)));
      // Last, so that nothing above overrides them. System properties come before junit-platform.properties files
      // (the submission's resources may hold one) when JUnit's launcher decides whether to load interceptors.
      cmd.add("-Djunit.platform.launcher.interceptors.enabled=false");
      // No agent can be attached to the test JVM from a process its code starts (an agent can rewrite the runner).
      cmd.add("-XX:+DisableAttachMechanism");
      cmd.add("@" + launcher.path(argFile));
      cmd.add(RunnerBoot.class.getName());
      String selection = null;
      if (only != null) {
        Path file = privateDir.resolve("selection-" + attempt + ".txt");
        Files.write(file, only);
        readOnly.add(file);
        selection = launcher.path(file);
      }
      cmd.addAll(new StartArgs(server.childAddress(), launcher.path(request.hiddenClasses()), request.perTest().toMillis(),
          OUTPUT_CAP_PER_TEST, OUTPUT_LIMIT, THREAD_LIMIT, selection).encode());
      TestJvm jvm = launcher.start(new JvmLaunch(cmd, request.workDir(), readOnly, privateDir.resolve("channel"), token,
          memoryBytes(request.maxHeap()), request.network()));
      return new Spawned(server, token, jvm);
    } catch (IOException e) {
      if (server != null) {
        server.close();
      }
      throw new UncheckedIOException("cannot start the test JVM: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      if (server != null) {
        server.close();
      }
      throw e;
    }
  }

  /** Where a test JVM may record the classes it loaded (see {@link ClassArchive}): in its own work folder. */
  private static Path classList(RunRequest request) {
    return request.workDir().resolve("tmp").resolve("loaded-classes.txt");
  }

  /** The jar files at the start of {@code classpath}, up to its first folder. */
  static List<Path> leadingJars(List<Path> classpath) {
    int n = 0;
    while (n < classpath.size() && classpath.get(n).getFileName().toString().endsWith(".jar")
        && Files.isRegularFile(classpath.get(n))) {
      n++;
    }
    return classpath.subList(0, n);
  }

  private static RunOutcome merge(List<String> order, Map<String, TestOutcome> earlier, RunOutcome last, int timeouts,
      List<String> notes, long millis) {
    Map<String, TestOutcome> all = new LinkedHashMap<>(earlier);
    last.tests().forEach(t -> all.put(t.id(), t));
    List<TestOutcome> tests = new ArrayList<>();
    order.forEach(id -> {
      if (all.containsKey(id)) {
        tests.add(all.remove(id));
      }
    });
    tests.addAll(all.values());
    List<String> parts = new ArrayList<>();
    if (last.endingMessage() != null) {
      parts.add(last.endingMessage());
    }
    if (!earlier.isEmpty()) {
      parts.add(timeouts + " test" + (timeouts == 1 ? "" : "s") + " timed out; the test JVM was restarted for the tests after "
          + (timeouts == 1 ? "it" : "each"));
    }
    notes.stream().distinct().forEach(parts::add);
    String message = parts.isEmpty() ? null : String.join("; ", parts);
    return new RunOutcome(tests, last.ending(), message, last.exitCode(), last.stdoutExcerpt(), last.stderrExcerpt(), millis);
  }

  /** A run that does not count ({@code what} says why): no test passed. */
  private static RunOutcome voided(RunOutcome run, String what) {
    List<TestOutcome> tests = new ArrayList<>();
    for (TestOutcome t : run.tests()) {
      tests.add(t.status() == TestStatus.PASSED ? new TestOutcome(t.id(), t.className(), t.method(), t.displayName(),
          t.tags(), TestStatus.FAILED, what, null, null, t.durationMillis(), t.output()) : t);
    }
    String message = run.endingMessage() == null ? what
        : run.endingMessage().contains(what) ? run.endingMessage() : what + "; " + run.endingMessage();
    return new RunOutcome(tests, "crashed", message,
        run.exitCode(), run.stdoutExcerpt(), run.stderrExcerpt(), run.durationMillis());
  }

  private record Attempt(RunOutcome outcome, boolean testTimedOut, List<String> notes, String voided) {}

  private Attempt attempt(RunRequest request, Spawned spawned, long deadline, long start,
      Map<String, String> properties) {
    try (spawned) {
      RunSession session = new RunSession(request, spawned.jvm(), deadline, OUTPUT_LIMIT);
      session.run(spawned.server(), spawned.token(), properties);
      spawned.jvm().close();
      RunOutcome outcome = session.outcome(spawned.jvm().stdout().excerpt(1000), spawned.jvm().stderr().excerpt(1000),
          millisSince(start));
      return new Attempt(outcome, session.testTimedOut, session.notes(), session.voided());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run the test JVM: " + e.getMessage(), e);
    }
  }

  /** {@code 256m} to bytes. */
  static long memoryBytes(String option) {
    String s = option.trim().toLowerCase(Locale.ROOT);
    long unit = switch (s.charAt(s.length() - 1)) {
      case 'k' -> 1L << 10;
      case 'm' -> 1L << 20;
      case 'g' -> 1L << 30;
      default -> 1;
    };
    return Long.parseLong(unit == 1 ? s : s.substring(0, s.length() - 1)) * unit;
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
}
