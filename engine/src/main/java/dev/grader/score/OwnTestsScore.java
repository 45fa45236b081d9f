package dev.grader.score;

import dev.grader.model.CategoryScore;
import dev.grader.model.GradeReport;
import dev.grader.model.GradeStatus;
import dev.grader.model.OwnTestsEvidence;
import dev.grader.model.ScoredBy;
import java.util.ArrayList;
import java.util.List;

/**
 * Earns the rubric category scored by the candidate's own tests ({@code scored_by: own_tests}): its weight times the
 * share of the exercise's mutants their tests catch, a test catching a mutant when it passes on the reference solution
 * and fails on the mutant. So a test that fails everywhere catches nothing; tests that were not evaluated (none
 * written, not compiling, refused by the code policy) earn nothing; a mutant that was not evaluated counts as not
 * caught. The report's totals follow.
 */
public final class OwnTestsScore {

    private OwnTestsScore() {}

    /**
     * {@code report} with its own-tests category earned from {@code evidence} against the exercise's {@code mutants};
     * unchanged when it has none.
     */
    public static GradeReport apply(GradeReport report, OwnTestsEvidence evidence, int mutants) {
        if (report.status() != GradeStatus.GRADED
                || report.categories().stream().noneMatch(c -> c.scoredBy() == ScoredBy.OWN_TESTS)) {
            return report;
        }
        List<CategoryScore> categories = new ArrayList<>();
        for (CategoryScore c : report.categories()) {
            categories.add(c.scoredBy() == ScoredBy.OWN_TESTS ? earned(c, evidence, mutants) : c);
        }
        double score = Scorer.round(
                categories.stream().mapToDouble(CategoryScore::score).sum());
        return report.withCategories(categories, score, GradeReport.percent(score, report.maxScore()));
    }

    private static CategoryScore earned(CategoryScore c, OwnTestsEvidence evidence, int mutants) {
        int caught =
                evidence != null && OwnTestsEvidence.EVALUATED.equals(evidence.status()) && evidence.caught() != null
                        ? Math.min(evidence.caught(), mutants)
                        : 0;
        double share = mutants == 0 ? 0 : caught / (double) mutants;
        return c.withResult(Scorer.round(c.maxScore() * share), mutants, caught);
    }
}
