package dev.grader.score;

import dev.grader.exercise.Manifest;
import dev.grader.exercise.RubricCategory;
import dev.grader.exercise.Rule;
import dev.grader.model.CategoryScore;
import dev.grader.model.FailedRule;
import dev.grader.model.ScoredBy;
import dev.grader.model.TestScore;
import dev.grader.model.TestStatus;
import dev.grader.run.TestOutcome;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Scores a run against the rubric: a category's weight is shared by its tests in proportion to their
 * {@code weight:N} tags (1 by default); passed tests earn their points, and a test not evaluated because a rule of
 * another category failed first earns back what that rule's failing tests already lost ({@link PreconditionCredit}).
 */
public final class Scorer {

    /** Category of tests that carry no rubric tag: worth nothing, and flagged by {@code validate}. */
    public static final String UNCATEGORISED = "uncategorised";

    private static final String WEIGHT_TAG = "weight:";
    private static final Pattern BOOLEAN_NOISE =
            Pattern.compile("\\s*(==> )?expected: <(true|false)> but was: <(true|false)>\\s*$");

    private Scorer() {}

    /** Tests and categories with points; categories in rubric order, tests in run order. */
    public static Scored score(Manifest manifest, List<TestOutcome> outcomes) {
        return score(manifest, List.of(), outcomes);
    }

    /**
     * As {@link #score(Manifest, List)}, and each category lists the rules of the brief it broke (a rule failed when
     * any of its tests ran and did not pass) and the rules of other categories that kept its tests from being evaluated.
     */
    public static Scored score(Manifest manifest, List<Rule> rules, List<TestOutcome> outcomes) {
        Map<String, Double> shares = new LinkedHashMap<>();
        for (TestOutcome t : outcomes) {
            shares.merge(category(manifest, t), weight(t), Double::sum);
        }
        List<Sized> sized = new ArrayList<>();
        for (TestOutcome t : outcomes) {
            String category = category(manifest, t);
            double max = manifest.hiddenCategory(category)
                    .map(c -> c.weight() * weight(t) / shares.get(category))
                    .orElse(0.0);
            sized.add(new Sized(t, category, max));
        }
        PreconditionCredit credit = new PreconditionCredit(rules, sized);
        double[] earned = credit.earned();
        List<TestScore> tests = new ArrayList<>();
        for (int i = 0; i < sized.size(); i++) {
            TestOutcome t = sized.get(i).outcome();
            boolean passed = t.status() == TestStatus.PASSED;
            tests.add(new TestScore(
                    t.name(),
                    t.className(),
                    t.displayName(),
                    sized.get(i).category(),
                    t.status(),
                    earned[i],
                    sized.get(i).max(),
                    passed
                            ? null
                            : humanMessage(t)
                                    + unpaid(t, earned[i], sized.get(i).max()),
                    t.durationMillis() / 1000.0,
                    t.output(),
                    passed ? null : t.trace()));
        }
        List<CategoryScore> categories = new ArrayList<>();
        for (RubricCategory c : manifest.rubric()) {
            if (c.byOwnTests()) { // earned once the own tests have run: OwnTestsScore
                categories.add(new CategoryScore(
                        c.id(), c.title(), 0, c.weight(), 0, 0, c.hint(), List.of(), List.of(), ScoredBy.OWN_TESTS));
                continue;
            }
            List<TestScore> in =
                    tests.stream().filter(t -> t.category().equals(c.id())).toList();
            double score = in.stream().mapToDouble(TestScore::score).sum();
            List<FailedRule> failed = rules.stream()
                    .filter(rule -> rule.category().equals(c.id()))
                    .filter(rule -> tests.stream().anyMatch(t -> t.failed() && rule.checkedBy(t.name())))
                    .map(rule -> new FailedRule(rule.id(), rule.brief()))
                    .toList();
            categories.add(new CategoryScore(
                    c.id(),
                    c.title(),
                    round(score),
                    c.weight(),
                    in.size(),
                    (int) in.stream().filter(TestScore::passed).count(),
                    c.hint(),
                    failed,
                    credit.blockers(c.id()),
                    ScoredBy.HIDDEN_TESTS));
        }
        double total =
                round(categories.stream().mapToDouble(CategoryScore::score).sum());
        return new Scored(total, manifest.maxScore(), categories, tests);
    }

    /** What a not-evaluated test's message adds when it was not paid back in full; else "". */
    private static String unpaid(TestOutcome t, double earned, double max) {
        if (t.status() != TestStatus.NOT_EVALUATED || earned >= max - 1e-9) {
            return "";
        }
        return earned <= 0
                ? " (so it counts as failed: no rule it names, of another category, failed its own tests)"
                : " (so it partly counts as failed: the rules it names lost fewer points than it is worth)";
    }

    /** A test with its rubric category and the points it is worth. */
    record Sized(TestOutcome outcome, String category, double max) {}

    /** Scores and categories of a run. */
    public record Scored(double score, double maxScore, List<CategoryScore> categories, List<TestScore> tests) {}

    static String category(Manifest manifest, TestOutcome t) {
        for (String tag : t.tags()) {
            if (manifest.hiddenCategory(tag).isPresent()) {
                return tag;
            }
        }
        return UNCATEGORISED;
    }

    static double weight(TestOutcome t) {
        for (String tag : t.tags()) {
            if (tag.startsWith(WEIGHT_TAG)) {
                try {
                    double w = Double.parseDouble(tag.substring(WEIGHT_TAG.length()));
                    if (w > 0) {
                        return w;
                    }
                } catch (NumberFormatException e) {
                    // not a weight; fall through to the default
                }
            }
        }
        return 1.0;
    }

    /** The failure message without JUnit's boolean boilerplate; the exception name when there is none. */
    static String humanMessage(TestOutcome t) {
        String m = t.message();
        if (m == null || m.isBlank()) {
            return t.exception() != null ? t.exception() : t.status().json().replace('_', ' ');
        }
        String cleaned = BOOLEAN_NOISE.matcher(m).replaceAll("");
        if (t.exception() != null
                && !t.exception().startsWith("org.opentest4j.")
                && !t.exception().startsWith("org.junit.")
                && t.status() == TestStatus.FAILED
                && !cleaned.startsWith(t.exception())) {
            String simple = t.exception().substring(t.exception().lastIndexOf('.') + 1);
            cleaned = simple + ": " + cleaned;
        }
        return cleaned.isBlank() ? m : cleaned;
    }

    static double round(double v) {
        return Math.round(v * 100.0) / 100.0;
    }
}
