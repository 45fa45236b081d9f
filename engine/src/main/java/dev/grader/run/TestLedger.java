package dev.grader.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.grader.exercise.Durations;
import dev.grader.model.RunEnding;
import dev.grader.model.TestStatus;
import dev.grader.run.child.Event.Result;
import dev.grader.run.child.Field;
import dev.grader.support.precondition.PreconditionNotMet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The tests of one test JVM's run as its events report them: what was planned, what finished, which class set-ups
 * failed, what is running; and at the end each planned test's outcome, given how the run ended.
 */
final class TestLedger {

    private final RunRequest request;
    private final Map<String, JsonNode> planned = new LinkedHashMap<>();
    private final Map<String, TestOutcome> finished = new HashMap<>();
    private final Map<String, JsonNode> containers = new HashMap<>();
    /** The tests started and not finished, in the order they started (more than one when classes run in parallel). */
    private final Set<String> running = new LinkedHashSet<>();
    /** The test whose timeout stopped the JVM while others ran beside it (they did not end by their own doing). */
    private String stoppedFor;
    /** The JVM ended while tests of several classes ran, for a reason none of them was named for: they run again. */
    private boolean rerunAlone;

    TestLedger(RunRequest request) {
        this.request = request;
    }

    /** The {@code plan} event: the tests the JVM will run. */
    void plan(JsonNode event) {
        for (JsonNode t : event.path(Field.TESTS.wire())) {
            planned.put(t.path(Field.ID.wire()).asText(), t);
        }
    }

    /** The {@code started} event. */
    void started(JsonNode event) {
        running.add(event.path(Field.ID.wire()).asText());
    }

    /**
     * The test of {@code finished} timed out and the JVM is stopped for it: the tests that were running beside it did
     * not run to their end, and may run again in a new JVM.
     */
    void stoppedFor(JsonNode finished) {
        stoppedFor = planned.containsKey(finished.path(Field.ID.wire()).asText())
                ? name(planned.get(finished.path(Field.ID.wire()).asText()))
                : null;
    }

    /** A {@code container} event (a test class whose set-up failed or was skipped). */
    void container(JsonNode event) {
        containers.put(event.path(Field.ID.wire()).asText(), event);
    }

    /** The tests that started and have not finished. */
    int runningCount() {
        return running.size();
    }

    /** The tests running now did not end by their own doing, as far as anyone can tell: they may run again. */
    void rerunAlone() {
        rerunAlone = true;
    }

    /** Whether a test started and has not finished. */
    boolean testRunning() {
        return !running.isEmpty();
    }

    /**
     * The short names of the tests that were running ("A.x", or "A.x or B.y (...)" when classes ran in parallel: what
     * ended the JVM then may have come from either), or null: none, or the JVM was stopped
     * for a test's timeout (the ones beside it were not the reason).
     */
    String runningName() {
        if (stoppedFor != null) {
            return null;
        }
        List<String> names = running.stream()
                .filter(planned::containsKey)
                .map(id -> name(planned.get(id)))
                .toList();
        return names.isEmpty()
                ? null
                : names.size() == 1
                        ? names.get(0)
                        : String.join(" or ", names) + " (tests of classes running at the same time)";
    }

    /** A {@code finished} event: the test's outcome, its status returned (null for a test not planned). */
    TestStatus finish(JsonNode e) {
        String id = e.path(Field.ID.wire()).asText();
        JsonNode plan = planned.get(id);
        if (plan == null) {
            return null;
        }
        TestStatus status =
                switch (Result.of(e.path(Field.STATUS.wire()).asText())) {
                    case PASSED -> TestStatus.PASSED;
                    case SKIPPED ->
                        PreconditionNotMet.class.getName().equals(text(e, Field.EXCEPTION))
                                ? TestStatus.NOT_EVALUATED
                                : TestStatus.SKIPPED;
                    case TIMED_OUT -> TestStatus.TIMED_OUT;
                    case FAILED -> TestStatus.FAILED;
                };
        String message = text(e, Field.MESSAGE);
        if (status == TestStatus.TIMED_OUT) {
            String detail = text(e, Field.DETAIL);
            message = "timed out after " + Durations.format(request.perTest()) + " (the per-test limit)"
                    + (detail == null ? "" : "; " + detail);
        }
        finished.put(
                id,
                outcome(
                        plan,
                        status,
                        message,
                        text(e, Field.EXCEPTION),
                        text(e, Field.TRACE),
                        e.path(Field.DURATION_MS.wire()).asLong(),
                        text(e, Field.OUTPUT)));
        running.remove(id);
        return status;
    }

    /**
     * Every planned test's outcome: as it finished (failed when the run is {@code voided}), else what the run's
     * {@code ending}, {@code reason} and {@code where} say about it.
     */
    List<TestOutcome> outcomes(RunEnding ending, String reason, String where, String voided) {
        List<TestOutcome> tests = new ArrayList<>();
        String runningName = runningName();
        String suffix = where == null ? "" : " (" + where + ")";
        for (Map.Entry<String, JsonNode> entry : planned.entrySet()) {
            String id = entry.getKey();
            JsonNode plan = entry.getValue();
            TestOutcome done = finished.get(id);
            if (done != null) {
                tests.add(
                        voided == null || done.status() != TestStatus.PASSED
                                ? done
                                : new TestOutcome(
                                        done.id(),
                                        done.className(),
                                        done.method(),
                                        done.displayName(),
                                        done.tags(),
                                        TestStatus.FAILED,
                                        voided,
                                        null,
                                        null,
                                        done.durationMillis(),
                                        done.output()));
                continue;
            }
            JsonNode container = failedAncestor(plan);
            if (running.contains(id) && rerunAlone) {
                tests.add(outcome(
                        plan,
                        TestStatus.NOT_RUN,
                        "not run to its end: the test JVM ended (" + reason + ") while tests of other classes ran"
                                + " beside it; to be run again one class after another",
                        null,
                        null,
                        0,
                        null));
            } else if (running.contains(id) && stoppedFor != null) {
                tests.add(outcome(
                        plan,
                        TestStatus.NOT_RUN,
                        "not run to its end: the test JVM was stopped when " + stoppedFor + ", running at the same"
                                + " time, timed out",
                        null,
                        null,
                        0,
                        null));
            } else if (running.contains(id)) {
                TestStatus status = ending == RunEnding.TIMED_OUT ? TestStatus.TIMED_OUT : TestStatus.CRASHED;
                String why = reason == null
                        ? "the test JVM never reported the end of this test"
                        : reason + " during this test" + suffix;
                tests.add(outcome(plan, status, why, null, null, 0, null));
            } else if (container != null) {
                boolean skipped = Result.of(container.path(Field.STATUS.wire()).asText()) == Result.SKIPPED;
                tests.add(outcome(
                        plan,
                        skipped ? TestStatus.SKIPPED : TestStatus.FAILED,
                        skipped
                                ? text(container, Field.MESSAGE)
                                : "set-up of the test class failed: " + text(container, Field.MESSAGE),
                        text(container, Field.EXCEPTION),
                        text(container, Field.TRACE),
                        0,
                        null));
            } else {
                String why = ending == RunEnding.COMPLETED
                        ? "not run"
                        : "not run: " + reason + (runningName != null ? " during " + runningName : "");
                tests.add(outcome(plan, TestStatus.NOT_RUN, why, null, null, 0, null));
            }
        }
        return tests;
    }

    private JsonNode failedAncestor(JsonNode plan) {
        for (JsonNode a : plan.path(Field.ANCESTORS.wire())) {
            JsonNode c = containers.get(a.asText());
            if (c != null) {
                return c;
            }
        }
        return null;
    }

    private static String name(JsonNode plan) {
        String c = plan.path(Field.CLASS.wire()).asText();
        return c.substring(c.lastIndexOf('.') + 1).replace('$', '.') + "."
                + plan.path(Field.METHOD.wire()).asText();
    }

    private static TestOutcome outcome(
            JsonNode plan,
            TestStatus status,
            String message,
            String exception,
            String trace,
            long millis,
            String output) {
        List<String> tags = new ArrayList<>();
        plan.path(Field.TAGS.wire()).forEach(t -> tags.add(t.asText()));
        return new TestOutcome(
                plan.path(Field.ID.wire()).asText(),
                plan.path(Field.CLASS.wire()).asText(),
                plan.path(Field.METHOD.wire()).asText(),
                plan.path(Field.DISPLAY.wire()).asText(),
                tags,
                status,
                message,
                exception,
                trace,
                millis,
                output == null || output.isEmpty() ? null : output);
    }

    private static String text(JsonNode node, Field field) {
        JsonNode v = node.get(field.wire());
        return v == null || v.isNull() ? null : v.asText();
    }
}
