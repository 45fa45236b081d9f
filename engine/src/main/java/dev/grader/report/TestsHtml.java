package dev.grader.report;

import static dev.grader.report.Html.badge;
import static dev.grader.report.Html.esc;
import static dev.grader.report.Html.points;

import dev.grader.model.CategoryScore;
import dev.grader.model.FailedRule;
import dev.grader.model.GradeReport;
import dev.grader.model.GradeStatus;
import dev.grader.model.ScoredBy;
import dev.grader.model.TestScore;
import dev.grader.model.TestStatus;
import java.util.List;

/**
 * The HTML report's sections on the hidden tests: the categories as bars, every lost point with its message, and the
 * passed tests.
 */
final class TestsHtml {

    private final GradeReport r;
    private final StringBuilder b;

    TestsHtml(GradeReport r, StringBuilder b) {
        this.r = r;
        this.b = b;
    }

    /** Writes the categories, the lost points and the passed tests. */
    void write() {
        categories();
        lostPoints();
        passedTests();
    }

    private void categories() {
        if (r.categories().isEmpty() || r.status() != GradeStatus.GRADED) {
            return;
        }
        b.append("<section id=\"categories\">\n<h2>Categories</h2>\n<div class=\"table-wrap\"><table>\n<thead><tr>")
                .append("<th scope=\"col\">Category</th><th scope=\"col\" style=\"width:34%\">Points</th>")
                .append("<th scope=\"col\" class=\"num\">Score</th><th scope=\"col\" class=\"num\">Tests passed</th>")
                .append("</tr></thead>\n<tbody>\n");
        for (CategoryScore c : r.categories()) {
            String label = c.title() + ": " + points(c.score()) + " of " + points(c.maxScore()) + " points";
            b.append("<tr class=\"category\" data-category=\"")
                    .append(esc(c.id()))
                    .append("\"><td><div class=\"cat-title\">")
                    .append(esc(c.title()))
                    .append("</div>");
            if (c.hint() != null && !c.hint().isBlank()) {
                b.append("<div class=\"hint\">").append(esc(c.hint())).append("</div>");
            }
            ruleList(b, "Rules of the brief that were broken", "data-rule", "Broken: ", c.failedRules());
            ruleList(
                    b,
                    "Rules that failed first, so tests were not evaluated",
                    "data-blocked-by",
                    "Not evaluated, because this rule failed first: ",
                    c.notEvaluatedBecause());
            b.append("</td><td style=\"vertical-align:middle\">")
                    .append(Html.bar(c.score(), c.maxScore(), label, "", "data-category=\"" + esc(c.id()) + "\""))
                    .append("</td><td class=\"num\">")
                    .append(points(c.score()))
                    .append(" / ")
                    .append(points(c.maxScore()))
                    .append("</td><td class=\"num\">")
                    .append(c.passed())
                    .append(" / ")
                    .append(c.tests())
                    .append(c.scoredBy() == ScoredBy.OWN_TESTS ? " " + esc(Text.checks(c)) : "")
                    .append("</td></tr>\n");
        }
        b.append("</tbody>\n</table></div>\n</section>\n");
    }

    private void lostPoints() {
        if (r.status() != GradeStatus.GRADED) {
            return;
        }
        List<TestScore> lost = r.tests().stream().filter(t -> !t.passed()).toList();
        if (r.tests().isEmpty()) {
            List<String> weak = r.categories().stream()
                    .filter(c -> c.passed() < c.tests() || c.score() < c.maxScore())
                    .map(CategoryScore::title)
                    .toList();
            if (!weak.isEmpty()) {
                b.append("<section id=\"lost-points\">\n<h2>Where points were lost</h2>\n<p>Points were lost in ")
                        .append(esc(joinWords(weak)))
                        .append(". Each category's description above says what it checks.</p>\n")
                        .append("</section>\n");
            }
            return;
        }
        if (lost.isEmpty()) {
            return;
        }
        double total = lost.stream().mapToDouble(t -> t.maxScore() - t.score()).sum();
        b.append("<section id=\"lost-points\">\n<h2>Lost points <span class=\"muted small\">")
                .append(lost.size())
                .append(lost.size() == 1 ? " test" : " tests")
                .append(", −")
                .append(points(total))
                .append(" points</span></h2>\n<div class=\"table-wrap\"><table>\n<thead><tr>")
                .append("<th scope=\"col\">Test and what happened</th><th scope=\"col\">Category</th>")
                .append(
                        "<th scope=\"col\">Status</th><th scope=\"col\" class=\"num\">Lost</th></tr></thead>\n<tbody>\n");
        for (TestScore t : lost) {
            b.append("<tr class=\"lost\"><td><div class=\"test-name\">")
                    .append(esc(t.name()))
                    .append("</div>");
            if (t.message() != null && !t.message().isBlank()) {
                b.append("<div class=\"message\">").append(esc(t.message())).append("</div>");
            } else {
                b.append("<div class=\"message muted\">")
                        .append(esc(defaultMessage(t.status())))
                        .append("</div>");
            }
            Html.collapsible(b, "Output", t.output());
            Html.collapsible(b, "Stack trace", t.trace());
            b.append("</td><td>")
                    .append(esc(categoryTitle(t.category())))
                    .append("</td><td>")
                    .append(statusBadge(t.status()))
                    .append("</td><td class=\"num\">−")
                    .append(points(t.maxScore() - t.score()))
                    .append("</td></tr>\n");
        }
        b.append("</tbody>\n</table></div>\n</section>\n");
    }

    private void passedTests() {
        List<TestScore> passed = r.tests().stream().filter(TestScore::passed).toList();
        if (passed.isEmpty()) {
            return;
        }
        b.append("<section id=\"passed\">\n<details>\n<summary>Passed tests (")
                .append(passed.size())
                .append(")</summary>\n<ul class=\"plain\">\n");
        for (TestScore t : passed) {
            b.append("<li><span class=\"mono small\">")
                    .append(esc(t.name()))
                    .append("</span> <span class=\"muted small\">")
                    .append(esc(categoryTitle(t.category())))
                    .append(" · +")
                    .append(points(t.score()))
                    .append(" · ")
                    .append(esc(Html.seconds(t.duration())))
                    .append("</span></li>\n");
        }
        b.append("</ul>\n</details>\n</section>\n");
    }

    private String categoryTitle(String id) {
        return r.categories().stream()
                .filter(c -> c.id().equals(id))
                .map(CategoryScore::title)
                .findFirst()
                .orElse(id);
    }

    /** A list of rules, one item each ({@code attribute} holds the rule's id), or nothing when there are none. */
    private static void ruleList(StringBuilder b, String label, String attribute, String lead, List<FailedRule> rules) {
        if (rules.isEmpty()) {
            return;
        }
        b.append("<ul class=\"failed-rules\" aria-label=\"").append(label).append("\">");
        rules.forEach(rule -> b.append("<li ")
                .append(attribute)
                .append("=\"")
                .append(esc(rule.id()))
                .append("\">")
                .append(lead)
                .append(esc(rule.brief()))
                .append("</li>"));
        b.append("</ul>");
    }

    private static String statusBadge(TestStatus s) {
        return switch (s) {
            case PASSED -> badge("passed", "good");
            case FAILED -> badge("failed", "bad");
            case CRASHED -> badge("crashed", "bad");
            case TIMED_OUT -> badge("timed out", "warn");
            case NOT_RUN -> badge("not run", "neutral");
            case SKIPPED -> badge("skipped", "neutral");
            case NOT_EVALUATED -> badge("not evaluated", "neutral");
        };
    }

    private static String defaultMessage(TestStatus s) {
        return switch (s) {
            case PASSED -> "";
            case FAILED -> "The test failed without a message.";
            case CRASHED -> "The test JVM ended while this test ran.";
            case TIMED_OUT -> "The test ran past its time limit.";
            case NOT_RUN -> "The test never ran: the run ended or was stopped before it.";
            case SKIPPED -> "The test was skipped (disabled or aborted by an assumption).";
            case NOT_EVALUATED -> "The test was not evaluated: a rule of another category failed first.";
        };
    }

    private static String joinWords(List<String> words) {
        if (words.size() == 1) {
            return words.get(0);
        }
        return String.join(", ", words.subList(0, words.size() - 1)) + " and " + words.get(words.size() - 1);
    }
}
