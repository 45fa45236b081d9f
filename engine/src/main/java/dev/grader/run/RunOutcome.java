package dev.grader.run;

import dev.grader.model.TestStatus;
import java.util.List;

/**
 * The result of one forked run of the hidden suites: every planned test with its status (tests that
 * never ran are {@link TestStatus#NOT_RUN}), and how the run ended.
 *
 * @param ending {@code completed}, {@code timed_out}, {@code crashed}, {@code no_tests}
 * @param endingMessage what a person should know about the ending; null when it completed normally
 */
public record RunOutcome(
    List<TestOutcome> tests,
    String ending,
    String endingMessage,
    Integer exitCode,
    String stdoutExcerpt,
    String stderrExcerpt,
    long durationMillis) {

  public RunOutcome {
    tests = List.copyOf(tests);
  }

  public boolean completed() {
    return "completed".equals(ending);
  }
}
