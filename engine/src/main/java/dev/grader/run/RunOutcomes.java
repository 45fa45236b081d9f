package dev.grader.run;

import dev.grader.model.RunEnding;
import dev.grader.model.TestStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One run's outcome from its attempts: the tests of the test JVMs restarted after a timeout merged in their planned
 * order, or a run that does not count.
 */
final class RunOutcomes {

    private RunOutcomes() {}

    /** The tests that ran in earlier test JVMs and those of the {@code last}, in {@code order}, with one message. */
    static RunOutcome merge(
            List<String> order,
            Map<String, TestOutcome> earlier,
            RunOutcome last,
            int timeouts,
            List<String> notes,
            long millis) {
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
        if (!earlier.isEmpty() && timeouts > 0) {
            parts.add(timeouts + " test" + (timeouts == 1 ? "" : "s")
                    + " timed out; the test JVM was restarted for the tests after " + (timeouts == 1 ? "it" : "each"));
        }
        notes.stream().distinct().forEach(parts::add);
        String message = parts.isEmpty() ? null : String.join("; ", parts);
        return new RunOutcome(
                tests, last.ending(), message, last.exitCode(), last.stdoutExcerpt(), last.stderrExcerpt(), millis);
    }

    /** A run that does not count ({@code what} says why): no test passed. */
    static RunOutcome voided(RunOutcome run, String what) {
        List<TestOutcome> tests = new ArrayList<>();
        for (TestOutcome t : run.tests()) {
            tests.add(
                    t.status() == TestStatus.PASSED
                            ? new TestOutcome(
                                    t.id(),
                                    t.className(),
                                    t.method(),
                                    t.displayName(),
                                    t.tags(),
                                    TestStatus.FAILED,
                                    what,
                                    null,
                                    null,
                                    t.durationMillis(),
                                    t.output())
                            : t);
        }
        String message = run.endingMessage() == null
                ? what
                : run.endingMessage().contains(what) ? run.endingMessage() : what + "; " + run.endingMessage();
        return new RunOutcome(
                tests,
                RunEnding.CRASHED,
                message,
                run.exitCode(),
                run.stdoutExcerpt(),
                run.stderrExcerpt(),
                run.durationMillis());
    }

    /** The note on the threads the code under test left running ({@code threads_left} of {@code done}), or null. */
    static String threadsLeftNote(com.fasterxml.jackson.databind.JsonNode left) {
        int count = left.path(dev.grader.run.child.Field.COUNT.wire()).asInt();
        if (count <= 0) {
            return null;
        }
        List<String> names = new ArrayList<>();
        left.path(dev.grader.run.child.Field.NAMES.wire()).forEach(n -> names.add(n.asText()));
        return "the code under test left " + count + " thread" + (count == 1 ? "" : "s") + " running after the tests ("
                + String.join(", ", names) + (count > names.size() ? ", ..." : "") + "); the test JVM was stopped with "
                + (count == 1 ? "it" : "them");
    }
}
