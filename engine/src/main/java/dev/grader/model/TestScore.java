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
}
