package dev.grader.validate;

import dev.grader.model.GradeReport;
import java.util.List;

/**
 * How one variant (solution, starter or a mutant) fared over its runs.
 *
 * @param expectation what it had to show, in words
 * @param focusedRuns how many of the runs, the last ones, ran only some hidden tests ({@link Focus})
 */
public record VariantResult(
        String name, String kind, String expectation, List<GradeReport> runs, List<String> breaches, int focusedRuns) {
    public VariantResult {
        runs = List.copyOf(runs);
        breaches = List.copyOf(breaches);
    }

    /** Every run ran every hidden test. */
    public VariantResult(String name, String kind, String expectation, List<GradeReport> runs, List<String> breaches) {
        this(name, kind, expectation, runs, breaches, 0);
    }

    /** The runs that ran every hidden test. */
    public List<GradeReport> fullRuns() {
        return runs.subList(0, runs.size() - focusedRuns);
    }

    public boolean ok() {
        return breaches.isEmpty();
    }
}
