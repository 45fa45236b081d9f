package dev.grader.report;

import dev.grader.model.CategoryScore;
import dev.grader.model.ChangeSummary;
import dev.grader.model.Diagnostic;
import dev.grader.model.FailedRule;
import dev.grader.model.Flag;
import dev.grader.model.GradeReport;
import dev.grader.model.GradeStatus;
import dev.grader.model.PolicyViolation;
import dev.grader.model.ScoredBy;
import dev.grader.model.TestScore;
import java.util.List;
import java.util.Locale;

/**
 * The report as GitHub-flavoured Markdown, fit for {@code $GITHUB_STEP_SUMMARY} and a pull-request comment.
 * Text that came from the submission (messages, diagnostics, output) is escaped or fenced so it cannot
 * inject Markdown or HTML.
 */
public final class MarkdownReport {

    private static final int MAX_MESSAGE = 600;

    private MarkdownReport() {}

    public static String render(GradeReport r) {
        StringBuilder b = new StringBuilder();
        String icon = r.status() != GradeStatus.GRADED ? "❌" : r.fullMarks() ? "✅" : r.percent() >= 50 ? "🟡" : "🔴";
        b.append("## ")
                .append(icon)
                .append(' ')
                .append(inline(r.exercise().title()))
                .append(": ")
                .append(Text.points(r.score()))
                .append(" / ")
                .append(Text.points(r.maxScore()))
                .append(" (")
                .append(Text.points(r.percent()))
                .append("%)\n\n");
        b.append("| | |\n|---|---|\n");
        b.append("| Exercise | `")
                .append(code(r.exercise().id()))
                .append("` v")
                .append(r.exercise().version())
                .append(" |\n");
        if (r.submission() != null) {
            b.append("| Submission | `").append(code(name(r.submission()))).append("` |\n");
        }
        b.append("| Status | ").append(Text.status(r));
        if (r.statusMessage() != null) {
            b.append(": ").append(inline(r.statusMessage()));
        }
        b.append(" |\n");
        if (r.environment() != null && r.environment().database() != null) {
            b.append("| Database | ").append(inline(r.environment().database())).append(" |\n");
        }
        b.append(String.format(
                Locale.ROOT,
                "| Seed | `%d` |%n| Time | %.1f s (code policy %.2f s) |%n%n",
                r.seed(),
                r.timing().total(),
                r.timing().policy()));

        if (r.compilation() != null) {
            b.append("### Does not compile (")
                    .append(inline(r.compilation().phase().id()))
                    .append(")\n\n");
            List<Diagnostic> ds = r.compilation().diagnostics();
            if (ds.isEmpty()) {
                b.append(
                        "The grader's own tests do not compile against this code: its public API differs from the brief's.\n\n");
            } else {
                b.append(fence(String.join(
                                "\n",
                                ds.stream().limit(50).map(Diagnostic::toString).toList())))
                        .append('\n');
            }
        }

        if (!r.policyViolations().isEmpty()) {
            b.append("### Code policy violations (not run)\n\n| Rule | API | Where |\n|---|---|---|\n");
            for (PolicyViolation v : r.policyViolations()) {
                b.append("| ")
                        .append(inline(v.rule()))
                        .append(" | ")
                        .append(inline(v.api()))
                        .append(" | ")
                        .append(inline(v.location()))
                        .append(v.origin() == null ? "" : " in " + inline(v.origin()))
                        .append(" |\n");
            }
            b.append('\n');
        }

        b.append("### Categories\n\n| Category | Points | Tests passed |\n|---|---:|---:|\n");
        for (CategoryScore c : r.categories()) {
            String mark = c.complete() ? "✅" : "❌";
            b.append("| ")
                    .append(mark)
                    .append(' ')
                    .append(inline(c.title()))
                    .append(" | ")
                    .append(Text.points(c.score()))
                    .append(" / ")
                    .append(Text.points(c.maxScore()))
                    .append(" | ")
                    .append(c.passed())
                    .append(" / ")
                    .append(c.tests())
                    .append(c.scoredBy() == ScoredBy.OWN_TESTS ? " " + Text.checks(c) : "")
                    .append(" |\n");
        }
        b.append('\n');
        if (r.categories().stream()
                .anyMatch(c ->
                        !c.failedRules().isEmpty() || !c.notEvaluatedBecause().isEmpty())) {
            b.append("### Rules of the brief that were broken\n\n");
            for (CategoryScore c : r.categories()) {
                ruleLines(b, c, "", c.failedRules());
                ruleLines(b, c, "not evaluated, because this rule failed first: ", c.notEvaluatedBecause());
            }
            b.append('\n');
        }
        boolean candidate = r.tests().isEmpty() && r.categories().stream().anyMatch(c -> c.hint() != null);
        if (candidate) {
            b.append("### What each category checks\n\n");
            for (CategoryScore c : r.categories()) {
                if (c.hint() != null) {
                    b.append("- **")
                            .append(inline(c.title()))
                            .append("**: ")
                            .append(inline(c.hint()))
                            .append('\n');
                }
            }
            b.append('\n');
        }

        List<TestScore> lost = r.tests().stream().filter(t -> !t.passed()).toList();
        if (!lost.isEmpty()) {
            b.append("### Lost points\n\n");
            for (TestScore t : lost) {
                b.append("- **")
                        .append(inline(t.name()))
                        .append("** `")
                        .append(code(t.category()))
                        .append("` −")
                        .append(Text.points(t.maxScore() - t.score()))
                        .append(", ")
                        .append(t.status().json().replace('_', ' '))
                        .append('\n');
                if (t.message() != null) {
                    b.append(indent(fence(Text.cap(t.message(), MAX_MESSAGE)))).append('\n');
                }
            }
            b.append('\n');
        }
        if (!r.flags().isEmpty()) {
            b.append("### Review flags\n\n| Severity | Where | What |\n|---|---|---|\n");
            for (Flag f : r.flags()) {
                b.append("| ")
                        .append(inline(f.severity().id()))
                        .append(" | `")
                        .append(code(f.location()))
                        .append("` | ")
                        .append(inline(f.message()))
                        .append(" |\n");
            }
            b.append('\n');
        }
        b.append(SimilaritySection.markdown(r));
        if (r.changes() != null) {
            ChangeSummary c = r.changes();
            b.append(String.format(
                    Locale.ROOT,
                    "**Changes against the starter:** %d added, %d changed, %d removed files; +%d −%d lines%n%n",
                    c.added().size(),
                    c.changed().size(),
                    c.removed().size(),
                    c.linesAdded(),
                    c.linesRemoved()));
        }
        b.append(HistorySection.markdown(r));
        b.append(CodeSummary.markdown(r));
        b.append(OwnTestsSection.markdown(r));
        for (String w : r.warnings()) {
            b.append("> ⚠️ ").append(inline(w)).append("\n\n");
        }
        return b.toString();
    }

    static String name(String path) {
        String p = path.replace('\\', '/');
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p.substring(p.lastIndexOf('/') + 1);
    }

    /** Text inside a table cell or a sentence: one line, Markdown and HTML specials escaped. */
    public static String inline(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        for (char ch :
                s.replaceAll("\\s*\\R\\s*", " ").replaceAll("\\p{Cntrl}", "").toCharArray()) {
            switch (ch) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '|', '\\', '`', '*', '_', '[', ']', '#', '~', '!' ->
                    b.append('\\').append(ch);
                default -> b.append(ch);
            }
        }
        return b.toString();
    }

    /** Text inside a `code span`: no backticks or pipes can end it. */
    static String code(String s) {
        return s == null ? "" : s.replace('`', '\'').replace("|", "\\|").replaceAll("\\R", " ");
    }

    /** A fenced block long enough that the text cannot close it. */
    static String fence(String text) {
        String s = text.replaceAll("[\\p{Cntrl}&&[^\n\t]]", "");
        String fence = "```";
        while (s.contains(fence)) {
            fence += "`";
        }
        return fence + "text\n" + s.strip() + "\n" + fence + "\n";
    }

    private static String indent(String s) {
        return "  " + s.replace("\n", "\n  ").stripTrailing() + "\n";
    }

    /** One list item per rule: the category, {@code lead}, the brief's words and the rule's id. */
    private static void ruleLines(StringBuilder b, CategoryScore c, String lead, List<FailedRule> rules) {
        for (FailedRule rule : rules) {
            b.append("- **")
                    .append(inline(c.title()))
                    .append("**: ")
                    .append(lead)
                    .append(inline(rule.brief()))
                    .append(" `")
                    .append(code(rule.id()))
                    .append("`\n");
        }
    }
}
