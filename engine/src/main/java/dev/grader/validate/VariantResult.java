package dev.grader.validate;

import dev.grader.model.GradeReport;
import java.util.List;

/**
 * How one variant (solution, starter or a mutant) fared over its runs.
 *
 * @param expectation what it had to show, in words
 */
public record VariantResult(
        String name, String kind, String expectation, List<GradeReport> runs, List<String> breaches) {
    public VariantResult {
        runs = List.copyOf(runs);
        breaches = List.copyOf(breaches);
    }

    public boolean ok() {
        return breaches.isEmpty();
    }
}
