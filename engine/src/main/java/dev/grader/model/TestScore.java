package dev.grader.model;

/**
 * One hidden test in a report.
 *
 * @param duration seconds
 */
public record TestScore(
        String name,
        String className,
        String displayName,
        String category,
        TestStatus status,
        double score,
        double maxScore,
        String message,
        double duration,
        String output,
        String trace) {

    public boolean passed() {
        return status == TestStatus.PASSED;
    }

    /**
     * Whether the test caught something: it did not pass, and it was evaluated (a test not evaluated because another
     * rule failed first saw nothing of its own rule).
     */
    public boolean failed() {
        return status != TestStatus.PASSED && status != TestStatus.NOT_EVALUATED;
    }
}
