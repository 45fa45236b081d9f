package dev.grader.run;

import dev.grader.model.GraderSettings;
import dev.grader.model.TestStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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

    private final TestJvmLauncher launcher;
    private final TestJvmSpawner spawner;

    /** A runner that starts local test JVMs ({@link Sandbox#NONE}) as {@code settings} say. */
    public ForkedTestRunner(GraderSettings settings) {
        this(new LocalLauncher(settings), settings);
    }

    /** A runner for {@code sandbox}; see {@link Sandbox#launcher}. */
    public ForkedTestRunner(Sandbox sandbox, GraderSettings settings) {
        this(sandbox, null, settings);
    }

    /** A runner for {@code sandbox} keeping what it caches (a class archive for test JVMs) in {@code cacheDir}. */
    public ForkedTestRunner(Sandbox sandbox, Path cacheDir, GraderSettings settings) {
        this(sandbox.launcher(cacheDir, settings), settings);
    }

    /** As above, with {@code image} for {@link Sandbox#DOCKER} (null: the default). */
    public ForkedTestRunner(Sandbox sandbox, Path cacheDir, GraderSettings settings, String image) {
        this(sandbox.launcher(cacheDir, settings, image), settings);
    }

    ForkedTestRunner(TestJvmLauncher launcher, GraderSettings settings) {
        this.launcher = launcher;
        this.spawner = new TestJvmSpawner(launcher, settings);
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
            TestJvmSpawner.extractRunner(privateDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the test JVM's folders: " + e.getMessage(), e);
        }
        Prepared p = new Prepared(request, privateDir);
        try {
            p.first = p.spawn(request, null, 0);
        } catch (RuntimeException e) {
            launcher.released(request.workDir()); // the grade ends here: what the launcher made for it goes
            throw e;
        }
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

        private TestJvmSpawner.Spawned first;
        private long launchNanos;

        private Prepared(RunRequest request, Path privateDir) {
            this.request = request;
            this.privateDir = privateDir;
            this.libraries = leadingJars(request.classpath());
        }

        private TestJvmSpawner.Spawned spawn(RunRequest current, List<String> only, int attempt) {
            long t = System.nanoTime();
            try {
                return spawner.spawn(current, privateDir, libraries, only, attempt);
            } finally {
                launchNanos += System.nanoTime() - t;
            }
        }

        /**
         * Seconds spent launching this request's test JVMs so far: starting the process, or creating and starting
         * the container ({@link Sandbox#DOCKER}); the first launch happens in {@link #prepare}, a restart's within
         * {@link #run}.
         */
        public double launchSeconds() {
            return Math.round(launchNanos / 1e7) / 100.0;
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
            properties.forEach((k, v) -> late.put(k, launcher.propertyValue(v, request.workDir())));
            long start = System.nanoTime();
            long deadline = start + request.wholeRun().toNanos();
            List<Path> guarded = List.of(request.hiddenClasses(), privateDir.resolve("runner"));
            Fingerprint before = Fingerprint.of(guarded);
            Map<String, TestOutcome> earlier = new LinkedHashMap<>();
            List<String> order = new ArrayList<>();
            List<String> notes = new ArrayList<>();
            List<String> only = null;
            int timeouts = 0;
            boolean stallRetried = false;
            RunRequest current = request;
            for (int attempt = 0; ; attempt++) {
                TestJvmSpawner.Spawned jvm = attempt == 0 ? first : spawn(current, only, attempt);
                first = null;
                Attempt a = attempt(current, jvm, deadline, start, late);
                notes.addAll(a.notes());
                if (order.isEmpty()) {
                    a.outcome().tests().forEach(t -> order.add(t.id()));
                }
                if (a.testTimedOut()) {
                    timeouts++;
                }
                if (attempt == 0) {
                    launcher.ended(
                            libraries,
                            TestJvmSpawner.classList(request),
                            a.outcome().completed());
                }
                List<String> changed = Fingerprint.of(guarded).changedSince(before);
                if (!changed.isEmpty()) {
                    return RunOutcomes.voided(
                            RunOutcomes.merge(order, earlier, a.outcome(), timeouts, notes, millisSince(start)),
                            "the code under test changed the grader's compiled test classes or runner while the tests ran ("
                                    + changed.size() + " file" + (changed.size() == 1 ? "" : "s") + ", e.g. "
                                    + changed.get(0)
                                    + "); no test of this run counts");
                }
                if (a.voided() != null) { // tests passed in an earlier test JVM do not count either
                    return RunOutcomes.voided(
                            RunOutcomes.merge(order, earlier, a.outcome(), timeouts, notes, millisSince(start)),
                            a.voided());
                }
                boolean retryStall = a.stalledOutsideTests() && !stallRetried;
                boolean restart = (a.testTimedOut() || a.rerunAlone() || retryStall)
                        && attempt < MAX_RESTARTS
                        && System.nanoTime() < deadline
                        && a.outcome().tests().stream().anyMatch(t -> t.status() == TestStatus.NOT_RUN);
                if (!restart) {
                    return RunOutcomes.merge(order, earlier, a.outcome(), timeouts, notes, millisSince(start));
                }
                if (retryStall) { // a busy machine can starve a class's set-up; a hang in it hangs again
                    stallRetried = true;
                    current = current.oneClassAtATime();
                    notes.add("the test JVM made no progress outside any test (while a test class was set up, most"
                            + " likely); the tests that had not run were given one more test JVM, one class after"
                            + " another");
                } else if (a.rerunAlone()) {
                    current = current.oneClassAtATime();
                    notes.add("the test JVM ended while tests of several classes ran in parallel; the tests that had"
                            + " not finished ran again, one class after another, to tell which test it was");
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
            launcher.released(request.workDir());
        }
    }

    /** The jar files at the start of {@code classpath}, up to its first folder. */
    static List<Path> leadingJars(List<Path> classpath) {
        int n = 0;
        while (n < classpath.size()
                && classpath.get(n).getFileName().toString().endsWith(".jar")
                && Files.isRegularFile(classpath.get(n))) {
            n++;
        }
        return classpath.subList(0, n);
    }

    private record Attempt(
            RunOutcome outcome,
            boolean testTimedOut,
            boolean rerunAlone,
            boolean stalledOutsideTests,
            List<String> notes,
            String voided) {}

    private Attempt attempt(
            RunRequest request,
            TestJvmSpawner.Spawned spawned,
            long deadline,
            long start,
            Map<String, String> properties) {
        try (spawned) {
            RunSession session = new RunSession(request, spawned.jvm(), deadline, OUTPUT_LIMIT);
            session.run(spawned.server(), spawned.token(), properties);
            spawned.jvm().close();
            RunOutcome outcome = session.outcome(
                    spawned.jvm().stdout().excerpt(1000), spawned.jvm().stderr().excerpt(1000), millisSince(start));
            return new Attempt(
                    outcome,
                    session.testTimedOut,
                    session.rerunAlone,
                    session.stalledOutsideTests,
                    session.notes(),
                    session.voided());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run the test JVM: " + e.getMessage(), e);
        }
    }

    private static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
