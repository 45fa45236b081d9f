package dev.grader.model;

import java.util.List;

/**
 * One rubric category in a report: points, how many of its tests passed, and which rules of the brief it broke.
 *
 * @param hint what the category checks, safe to share with the candidate; {@code null} when the exercise gives none
 * @param failedRules the rules of this category ({@code rules.yaml}) with at least one test that did not pass, in
 *     file order; empty when none failed or the exercise has no rules
 * @param notEvaluatedBecause rules of other categories that failed first, so that some of this category's tests
 *     were not evaluated ({@link TestStatus#NOT_EVALUATED}); empty when all were
 * @param scoredBy what earns its points; for {@link ScoredBy#OWN_TESTS} {@code tests} counts the exercise's mutants
 *     and {@code passed} those the candidate's own tests caught
 */
public record CategoryScore(
        String id,
        String title,
        double score,
        double maxScore,
        int tests,
        int passed,
        String hint,
        List<FailedRule> failedRules,
        List<FailedRule> notEvaluatedBecause,
        ScoredBy scoredBy) {

    public CategoryScore {
        failedRules = failedRules == null ? List.of() : List.copyOf(failedRules);
        notEvaluatedBecause = notEvaluatedBecause == null ? List.of() : List.copyOf(notEvaluatedBecause);
        scoredBy = scoredBy == null ? ScoredBy.HIDDEN_TESTS : scoredBy;
    }

    /** A category with no failed rules (an exercise without rules.yaml, or a report written before it). */
    public CategoryScore(String id, String title, double score, double maxScore, int tests, int passed, String hint) {
        this(id, title, score, maxScore, tests, passed, hint, List.of(), List.of(), ScoredBy.HIDDEN_TESTS);
    }

    /** Whether every check of the category passed: all its tests, or every mutant caught by the own tests. */
    public boolean complete() {
        return tests > 0 && passed == tests;
    }

    /** The same category with {@code score} earned from {@code passed} of {@code tests} checks. */
    public CategoryScore withResult(double score, int tests, int passed) {
        return new CategoryScore(
                id, title, score, maxScore, tests, passed, hint, failedRules, notEvaluatedBecause, scoredBy);
    }
}
