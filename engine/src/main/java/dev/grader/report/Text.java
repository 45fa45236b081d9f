package dev.grader.report;

import dev.grader.model.CategoryScore;
import dev.grader.model.FailedRule;
import dev.grader.model.GradeReport;
import dev.grader.model.ScoredBy;
import java.util.Locale;

/** Number and text helpers the report formats and the leaderboards share. */
public final class Text {

    private Text() {}

    /**
     * What a category's {@code passed} of {@code tests} counts, after the numbers: {@code tests}, or for the category
     * the candidate's own tests earn, the exercise's known mistakes they caught.
     */
    public static String checks(CategoryScore c) {
        return c.scoredBy() == ScoredBy.OWN_TESTS ? "known mistakes caught by own tests" : "tests";
    }

    /** How the own tests' evidence is used: not scored, or where the exercise scores it, the category it earns. */
    static String ownTestsNote(GradeReport r) {
        return r.categories().stream()
                .filter(c -> c.scoredBy() == ScoredBy.OWN_TESTS)
                .findFirst()
                .map(c -> "evidence for a person; the share of mutants caught earns the category \"" + c.title() + "\"")
                .orElse("evidence for a person; not scored");
    }

    /** Points as the console, HTML and leaderboards show them: {@code 12} for whole numbers, else {@code 12.50}. */
    public static String number(double v) {
        return Math.abs(v - Math.rint(v)) < 0.005
                ? Long.toString(Math.round(v))
                : String.format(Locale.ROOT, "%.2f", v);
    }

    /** Points without a trailing zero: {@code 12}, {@code 12.5}, {@code 12.33}. */
    static String points(double v) {
        String s = number(v);
        return s.contains(".") && s.endsWith("0") ? s.substring(0, s.length() - 1) : s;
    }

    /**
     * {@code score} as a percentage of {@code max}, rounded to the same two decimals the score is shown with, so that
     * "76.64 / 100" and "76.64%" always agree.
     */
    public static double percent(double score, double max) {
        return GradeReport.percent(score, max);
    }

    /** A count with its noun: {@code 1 test}, {@code 3 tests}. */
    public static String count(long n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }

    /** The status of a report in words. */
    static String status(GradeReport r) {
        return switch (r.status()) {
            case GRADED -> "graded";
            case DOES_NOT_COMPILE -> "does not compile";
            case POLICY_VIOLATION -> "refused by the code policy";
            case INFRASTRUCTURE_ERROR -> "could not be graded (infrastructure)";
            case REJECTED -> "rejected";
        };
    }

    /** The brief's words of each rule the category broke, as {@code ". Broken: ..."}; empty when none. */
    static String brokenRules(CategoryScore c) {
        StringBuilder b = new StringBuilder();
        for (FailedRule rule : c.failedRules()) {
            b.append(b.length() == 0 ? ". Broken: " : " Broken: ").append(rule.brief());
        }
        for (FailedRule rule : c.notEvaluatedBecause()) {
            b.append(". Not evaluated, because this rule failed first: ").append(rule.brief());
        }
        return b.toString();
    }

    /** At most {@code max} characters, with a note of how much was cut. */
    static String cap(String s, int max) {
        if (s == null || s.length() <= max) {
            return s;
        }
        return s.substring(0, max) + "\n… (" + (s.length() - max) + " more characters in the JSON report)";
    }

    /** XML 1.0 cannot carry most control characters, whatever the escaping: they become U+FFFD. */
    static String xmlChars(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> {
            boolean ok = cp == 0x9
                    || cp == 0xA
                    || cp == 0xD
                    || (cp >= 0x20 && cp <= 0xD7FF)
                    || (cp >= 0xE000 && cp <= 0xFFFD)
                    || (cp >= 0x10000 && cp <= 0x10FFFF);
            b.appendCodePoint(ok ? cp : 0xFFFD);
        });
        return b.toString();
    }
}
