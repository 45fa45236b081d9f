package dev.grader.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.grader.exercise.Durations;
import dev.grader.model.RunEnding;
import dev.grader.model.TestStatus;
import dev.grader.run.EventServer.Connection;
import dev.grader.run.EventServer.EndOfStream;
import dev.grader.run.child.Control;
import dev.grader.run.child.Event;
import dev.grader.run.child.Field;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One test JVM's run as the grader sees it: what was planned, what finished, what is running, and how and
 * why it ended. Limits the grader enforces itself (time, silence, raw output) do not depend on the JVM's
 * cooperation; what the JVM reports about itself (who called {@code System.exit}, too many threads) makes
 * the reasons precise.
 */
final class RunSession {

    /** How often the JVM's process tree is looked at. */
    private static final long WATCH_PERIOD_NANOS = 250_000_000L;
    /** How long the channel is watched after {@code done} for events that should not be there. */
    private static final long AFTER_DONE_MILLIS = 50;

    private final RunRequest request;
    private final TestJvm jvm;
    /** When the whole run's time is up; moved on by the time spent waiting for turns ({@link IsolatedClasses}). */
    private long deadline;

    private final long silenceLimit;
    private final long outputLimit;
    private final TestLedger tests;
    private final List<String> notes = new ArrayList<>();
    private final EventOrder order;
    private String voided;
    private long lastEvent;
    private long lastWatch;
    private RunEnding ending = RunEnding.COMPLETED;
    /** Why the run ended early, without "during ...": e.g. "the code under test terminated the JVM with System.exit(0)". */
    private String reason;
    /** Where, when known: e.g. "called at com.acme.X.y(X.java:3)". */
    private String where;

    private Integer exitCode;
    private boolean planSeen;
    private final IsolatedClasses.Turns turns = new IsolatedClasses.Turns();
    private JsonNode exitEvent;
    private String limitMessage;
    /** A test hit its time limit and the JVM was stopped: the tests after it may run in a new JVM. */
    boolean testTimedOut;
    /** The JVM went silent while no test ran (setting a test class up, say): the tests not run may get a new JVM. */
    boolean stalledOutsideTests;
    /**
     * The JVM ended for a reason no event pinned on one test while tests of several classes ran in parallel: the tests
     * that had not finished may run again, one class after another, where the reason shows which test it belongs to.
     */
    boolean rerunAlone;

    RunSession(RunRequest request, TestJvm jvm, long deadline, long outputLimit) {
        this.request = request;
        this.jvm = jvm;
        this.deadline = deadline;
        this.outputLimit = outputLimit;
        this.tests = new TestLedger(request);
        this.order = new EventOrder(
                request.parallel().classes(), !request.parallel().isolated().isEmpty());
        long grace = Math.max(Duration.ofSeconds(3).toNanos(), request.perTest().toNanos() / 2);
        this.silenceLimit = request.perTest().toNanos() + grace;
    }

    /** Waits for the JVM to connect, gives it {@code properties}, says go, and follows its events until it is done, dies or is stopped. */
    void run(EventServer server, String token, Map<String, String> properties) throws IOException {
        try {
            long waited = turns.takeShared(jvm::isAlive); // while another grade's isolated classes run
            deadline += Math.max(0, waited);
            connectAndFollow(server, token, properties);
        } finally {
            turns.release();
        }
    }

    private void connectAndFollow(EventServer server, String token, Map<String, String> properties) throws IOException {
        Connection connection = server.accept(token, properties, () -> jvm.isAlive() && !outputFlooded(), deadline);
        if (connection == null) {
            if (outputFlooded()) {
                stop(RunEnding.CRASHED, floodReason());
            } else if (!jvm.isAlive()) {
                crashed();
            } else {
                stop(RunEnding.TIMED_OUT, "the test JVM did not start within " + Durations.format(request.wholeRun()));
            }
            return;
        }
        try (connection) {
            follow(connection);
        }
    }

    /** Follows the events of {@code source} (the JVM's channel, once it said hello) until the JVM is done, dies or is stopped. */
    void follow(EventSource source) {
        try {
            followEvents(source);
        } finally {
            turns.release();
        }
    }

    private void followEvents(EventSource source) {
        lastEvent = System.nanoTime();
        while (true) {
            Object item = source.poll(100);
            long now = System.nanoTime();
            if (now - lastWatch > WATCH_PERIOD_NANOS) {
                lastWatch = now;
                jvm.watch();
            }
            if (outputFlooded()) {
                endedBesideOthers();
                stop(RunEnding.CRASHED, floodReason());
                return;
            }
            if (item == null) {
                if (now > deadline) {
                    stop(
                            RunEnding.TIMED_OUT,
                            "the whole run exceeded its limit of " + Durations.format(request.wholeRun())
                                    + "; the test JVM was stopped");
                    return;
                }
                if (planSeen && now - lastEvent > silenceLimit) {
                    testTimedOut = tests.testRunning();
                    stalledOutsideTests = !testTimedOut;
                    endedBesideOthers();
                    stop(
                            RunEnding.TIMED_OUT,
                            (tests.testRunning() ? "a test" : "the test JVM") + " made no progress for "
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
            String wire = event.path(Field.EVENT.wire()).asText();
            Event type = Event.of(wire);
            String broken = order.accept(type, wire, event);
            if (broken != null) {
                tampered(broken);
                return;
            }
            switch (type) {
                case HELLO, TICK -> {}
                case ALONE -> {
                    long waited = turns.takeExclusive(() -> jvm.isAlive() && !outputFlooded());
                    if (waited < 0) {
                        if (outputFlooded()) {
                            stop(RunEnding.CRASHED, floodReason());
                        } else {
                            crashed();
                        }
                        return;
                    }
                    deadline += waited; // the JVM waited for another's isolated classes, not for its own tests
                    lastEvent = System.nanoTime();
                    source.reply(Control.ALONE);
                }
                case PLAN -> {
                    planSeen = true;
                    tests.plan(event);
                }
                case STARTED -> tests.started(event);
                case FINISHED -> {
                    if (tests.finish(event) == TestStatus.TIMED_OUT) {
                        testTimedOut = true;
                        tests.stoppedFor(event);
                        stop(
                                RunEnding.TIMED_OUT,
                                "a test timed out; the test JVM was stopped with anything it left running");
                        return;
                    }
                }
                case CONTAINER -> tests.container(event);
                case FATAL -> {
                    ending = RunEnding.CRASHED;
                    reason = "the test runner failed: "
                            + event.path(Field.MESSAGE.wire()).asText();
                }
                case EXIT -> exitEvent = event;
                case LIMIT -> limitMessage = event.path(Field.MESSAGE.wire()).asText();
                case DONE -> {
                    // The runner halts right after "done": anything more on the channel was not written by it.
                    Object more = source.poll(AFTER_DONE_MILLIS);
                    if (more instanceof JsonNode late) {
                        String what = late.path(Field.EVENT.wire()).asText();
                        String after = order.accept(Event.of(what), what, late);
                        if (after != null) {
                            tampered(after);
                            return;
                        }
                    }
                    String left = RunOutcomes.threadsLeftNote(event.path(Field.THREADS_LEFT.wire()));
                    if (left != null) {
                        notes.add(left);
                    }
                    // The runner halts with status 0 right after "done"; the JVM's own teardown can take 300 ms more
                    // (HotSpot waits that long for threads left in native code, such as an HTTP client's selector),
                    // time nobody needs to wait for: whatever is still there is killed with the JVM's process tree.
                    Integer code = jvm.waitFor(20);
                    exitCode = code == null ? Integer.valueOf(0) : code;
                    return;
                }
                default -> throw new IllegalStateException("unknown events are refused by the order check: " + wire);
            }
        }
    }

    /** The stream broke the protocol's rules ({@link EventOrder}): the JVM is stopped and no test of the run counts. */
    private void tampered(String broken) {
        voided = "the test JVM's event stream was inconsistent (" + broken
                + "): it was tampered with, most likely by the code under test; no test of this run counts";
        stop(RunEnding.CRASHED, voided);
    }

    /** Why no test of this run counts, or null when the stream kept the protocol's rules. */
    String voided() {
        return voided;
    }

    private boolean outputFlooded() {
        return jvm.stdout().total() + jvm.stderr().total() > outputLimit;
    }

    private String floodReason() {
        return "the code under test wrote more than " + (outputLimit >> 20)
                + " MiB of output to the test JVM's stdout and"
                + " stderr; output truncated and the test JVM was stopped";
    }

    /** The JVM closed its channel or ended on its own: say why, as precisely as what it left allows. */
    private void crashed() {
        exitCode = jvm.waitFor(3000);
        ending = RunEnding.CRASHED;
        if (reason != null) {
            return; // the runner itself failed and said so
        }
        ExitCause cause = ExitCause.of(limitMessage, exitEvent, exitCode, jvm, request.maxHeap());
        reason = cause.reason();
        where = cause.where();
        endedBesideOthers();
    }

    /** The run ends now, for no one test's doing that an event named: see {@link #rerunAlone}. */
    private void endedBesideOthers() {
        if (request.parallel().parallel() && tests.runningCount() > 1) {
            rerunAlone = true;
            tests.rerunAlone();
        }
    }

    private void stop(RunEnding why, String message) {
        ending = why;
        reason = message;
        jvm.close();
        exitCode = jvm.isAlive() ? null : jvm.waitFor(0);
    }

    /** Notes about the run that are not its ending: processes started, threads left; ask after the JVM is closed. */
    List<String> notes() {
        List<String> all = new ArrayList<>(notes);
        String processes = jvm.processNote();
        if (processes != null) {
            all.add(processes);
        }
        return all;
    }

    RunOutcome outcome(String stdout, String stderr, long millis) {
        String runningName = tests.runningName();
        String suffix = where == null ? "" : " (" + where + ")";
        List<TestOutcome> outcomes = tests.outcomes(ending, reason, where, voided);
        if (!planSeen && ending == RunEnding.COMPLETED) {
            ending = RunEnding.CRASHED;
            reason = "the test JVM reported no test plan";
        }
        String message =
                reason == null ? null : reason + (runningName != null ? " during " + runningName : "") + suffix;
        return new RunOutcome(outcomes, ending, message, exitCode, stdout, stderr, millis);
    }
}
