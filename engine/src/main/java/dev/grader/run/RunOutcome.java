package dev.grader.run;

import dev.grader.model.RunEnding;
import dev.grader.model.TestStatus;
import java.util.List;

/**
 * The result of one forked run of the hidden suites: every planned test with its status (tests that
 * never ran are {@link TestStatus#NOT_RUN}), and how the run ended.
 *
 * @param ending how the run ended
 * @param endingMessage what a person should know about the ending; null when it completed normally
 */
public record RunOutcome(
        List<TestOutcome> tests,
        RunEnding ending,
        String endingMessage,
        Integer exitCode,
        String stdoutExcerpt,
        String stderrExcerpt,
        long durationMillis) {

    public RunOutcome {
        tests = List.copyOf(tests);
    }

    /** The same run with {@code tests} as its tests (renamed or merged by the caller). */
    public RunOutcome withTests(List<TestOutcome> tests) {
        return new RunOutcome(tests, ending, endingMessage, exitCode, stdoutExcerpt, stderrExcerpt, durationMillis);
    }

    public boolean completed() {
        return ending == RunEnding.COMPLETED;
    }
}
