package dev.grader.run.child;

import dev.grader.run.child.Event.Result;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.EnumMap;
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
 * passes only when every invocation passes). One listener follows one launcher execution, whose tests run one after
 * another on one thread ({@link ParallelRun} gives each class's execution a listener of its own).
 */
final class EventListener implements TestExecutionListener {

    private static final int MAX_TRACE_FRAMES = 12;
    /** Characters of a message or a trace kept. */
    static final int MAX_TEXT = 64 * 1024;
    /** Progress inside a unit (an invocation of a parameterised test): keeps the grader's watchdog fed. */
    private static final Json.Line TICK = Event.TICK.line();

    private final EventChannel channel;
    private final OutputCapture capture;
    private final Map<String, Long> started = new HashMap<>();
    private final Map<String, Throwable> folded = new HashMap<>();
    private final Map<String, Result> foldedStatus = new HashMap<>();
    private TestPlan plan;
    /** Put before every id this listener sends: the variant's ({@link VariantRuns}), else empty. */
    private final String prefix;
    /** Whether the plan was sent before the run (with other variants' tests): then the run does not send it. */
    private final boolean plannedAhead;

    /** Each test's time limit: a {@link TimeoutException} before it is the test's own failure, not a timeout. */
    private final long perTestMillis;

    EventListener(EventChannel channel, OutputCapture capture, long perTestMillis) {
        this(channel, capture, "", false, perTestMillis);
    }

    EventListener(
            EventChannel channel, OutputCapture capture, String prefix, boolean plannedAhead, long perTestMillis) {
        this.channel = channel;
        this.capture = capture;
        this.prefix = prefix;
        this.plannedAhead = plannedAhead;
        this.perTestMillis = perTestMillis;
    }

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        this.plan = testPlan;
        if (!plannedAhead) {
            channel.send(Event.PLAN.line().with(Field.TESTS, entries(testPlan, prefix)));
        }
    }

    /** The plan event's entries for the scoring units of {@code testPlan}, their ids and ancestors' prefixed. */
    static List<Map<Field, Object>> entries(TestPlan testPlan, String prefix) {
        List<Map<Field, Object>> tests = new ArrayList<>();
        List<TestIdentifier> ordered = new ArrayList<>();
        walk(testPlan, testPlan.getRoots(), ordered);
        for (TestIdentifier id : ordered) {
            if (!isUnit(id)) {
                continue;
            }
            MethodSource m = (MethodSource) id.getSource().orElseThrow();
            List<String> ancestors = new ArrayList<>();
            for (Optional<TestIdentifier> p = testPlan.getParent(id); p.isPresent(); p = testPlan.getParent(p.get())) {
                ancestors.add(prefix + p.get().getUniqueId());
            }
            Map<Field, Object> entry = new EnumMap<>(Field.class);
            entry.put(Field.ID, prefix + id.getUniqueId());
            entry.put(Field.CLASS, m.getClassName());
            entry.put(Field.METHOD, m.getMethodName());
            entry.put(Field.DISPLAY, id.getDisplayName());
            entry.put(
                    Field.TAGS,
                    id.getTags().stream().map(t -> t.getName()).sorted().toList());
            entry.put(Field.ANCESTORS, ancestors);
            tests.add(entry);
        }
        return tests;
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
            channel.send(Event.STARTED.line().with(Field.ID, prefix + id.getUniqueId()));
        }
    }

    @Override
    public void executionSkipped(TestIdentifier id, String reason) {
        Optional<TestIdentifier> unit = unitOf(id);
        if (unit.isPresent() && unit.get().equals(id)) {
            channel.send(Event.FINISHED
                    .line()
                    .with(Field.ID, prefix + id.getUniqueId())
                    .with(Field.STATUS, Result.SKIPPED.wire())
                    .with(Field.MESSAGE, "skipped: " + reason)
                    .with(Field.DURATION_MS, 0));
        } else if (unit.isEmpty()) {
            channel.send(Event.CONTAINER
                    .line()
                    .with(Field.ID, prefix + id.getUniqueId())
                    .with(Field.STATUS, Result.SKIPPED.wire())
                    .with(Field.MESSAGE, "skipped: " + reason));
        }
    }

    @Override
    public void executionFinished(TestIdentifier id, TestExecutionResult result) {
        Optional<TestIdentifier> unit = unitOf(id);
        Throwable error = result.getThrowable().orElse(null);
        Long unitStart = unit.map(u -> started.get(u.getUniqueId())).orElse(null);
        long elapsed = unitStart == null ? 0 : (System.nanoTime() - unitStart) / 1_000_000;
        Result status = status(result, error, elapsed);
        if (unit.isEmpty()) {
            if (status != Result.PASSED) {
                channel.send(Event.CONTAINER
                        .line()
                        .with(Field.ID, prefix + id.getUniqueId())
                        .with(Field.STATUS, status.wire())
                        .with(Field.MESSAGE, message(error))
                        .with(
                                Field.EXCEPTION,
                                error == null ? null : error.getClass().getName())
                        .with(Field.TRACE, trace(error)));
            }
            return;
        }
        String unitId = unit.get().getUniqueId();
        if (!unit.get().equals(id)) {
            channel.send(TICK);
            if (status != Result.PASSED && !folded.containsKey(unitId)) {
                folded.put(unitId, error);
                foldedStatus.put(unitId, status);
            }
            return;
        }
        if (status == Result.PASSED && foldedStatus.containsKey(unitId)) {
            status = foldedStatus.get(unitId);
            error = folded.get(unitId);
        }
        Long t0 = started.get(unitId);
        long ms = t0 == null ? 0 : (System.nanoTime() - t0) / 1_000_000;
        String detail = status == Result.TIMED_OUT ? Stuck.describe(error) : null;
        channel.send(Event.FINISHED
                .line()
                .with(Field.ID, prefix + unitId)
                .with(Field.STATUS, status.wire())
                .with(Field.MESSAGE, error == null ? null : message(error))
                .with(Field.DETAIL, detail)
                .with(Field.EXCEPTION, error == null ? null : error.getClass().getName())
                .with(Field.TRACE, trace(error))
                .with(Field.DURATION_MS, ms)
                .with(Field.OUTPUT, capture.take()));
    }

    /**
     * A failure is a timeout when JUnit's limit ended it: a {@link TimeoutException} (what JUnit throws) once the test
     * ran for its limit. The same exception sooner is the test's own (a {@code Future.get} with a timeout, say).
     */
    private Result status(TestExecutionResult result, Throwable error, long elapsedMillis) {
        return switch (result.getStatus()) {
            case SUCCESSFUL -> Result.PASSED;
            case ABORTED -> Result.SKIPPED;
            case FAILED ->
                error instanceof TimeoutException && elapsedMillis >= perTestMillis - 50
                        ? Result.TIMED_OUT
                        : Result.FAILED;
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
        return m == null || m.isBlank() ? error.getClass().getName() : clip(m);
    }

    /**
     * {@code text} cut to {@value #MAX_TEXT} characters: an exception's message is the code under test's to make
     * as long as it likes, and an event line must stay far below the grader's limit for one line.
     */
    static String clip(String text) {
        return text == null || text.length() <= MAX_TEXT
                ? text
                : text.substring(0, MAX_TEXT) + "... [" + (text.length() - MAX_TEXT) + " more characters not kept]";
    }

    /** {@code com.acme.X.y(X.java:12)}: a frame without the class loader and module prefixes. */
    static String frame(StackTraceElement f) {
        return f.getClassName() + "." + f.getMethodName() + "("
                + (f.getFileName() == null
                        ? "Unknown Source"
                        : f.getFileName() + (f.getLineNumber() >= 0 ? ":" + f.getLineNumber() : ""))
                + ")";
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
                if (c.startsWith("org.junit.")
                        || c.startsWith("jdk.internal.")
                        || c.startsWith("java.lang.reflect.")
                        || c.startsWith("sun.reflect.")
                        || c.startsWith("dev.grader.run.child.")) {
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
        return clip(sw.toString());
    }
}
