package dev.grader.model;

import java.util.List;

/**
 * One rubric category in a report: points, how many of its tests passed, and which rules of the brief it broke.
 *
 * @param hint what the category checks, safe to share with the candidate; {@code null} when the exercise gives none
 * @param failedRules the rules of this category ({@code rules.yaml}) with at least one test that did not pass, in
 *     file order; empty when none failed or the exercise has no rules
 */
public record CategoryScore(
        String id,
        String title,
        double score,
        double maxScore,
        int tests,
        int passed,
        String hint,
        List<FailedRule> failedRules) {

    public CategoryScore {
        failedRules = failedRules == null ? List.of() : List.copyOf(failedRules);
    }

    /** A category with no failed rules (an exercise without rules.yaml, or a report written before it). */
    public CategoryScore(String id, String title, double score, double maxScore, int tests, int passed, String hint) {
        this(id, title, score, maxScore, tests, passed, hint, List.of());
    }
}
