package dev.grader.report;

import dev.grader.model.CategoryScore;
import dev.grader.model.ChangeSummary;
import dev.grader.model.Diagnostic;
import dev.grader.model.FailedRule;
import dev.grader.model.Flag;
import dev.grader.model.GradeReport;
import dev.grader.model.GradeStatus;
import dev.grader.model.PolicyViolation;
import dev.grader.model.TestScore;
import dev.grader.model.TestStatus;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/**
 * The readable summary printed after a grade: categories, lost points with their messages, the review's flags
 * and change summary, timing.
 */
public final class ConsoleReport {

    private static final int BAR = 20;
    private static final int MAX_MESSAGE_LINES = 6;

    private final Ansi ansi;

    public ConsoleReport(Ansi ansi) {
        this.ansi = ansi;
    }

    public void print(GradeReport r, PrintWriter out) {
        out.println(ansi.bold(r.exercise().id() + " v" + r.exercise().version()) + "  "
                + r.exercise().title());
        if (r.submission() != null) {
            out.println("  submission  " + r.submission());
        }
        out.println("  seed        " + r.seed() + ansi.dim("   (repeat with --seed " + r.seed() + ")"));
        if (r.environment().database() != null) {
            out.println("  database    " + r.environment().database());
        }
        out.println();
        switch (r.status()) {
            case DOES_NOT_COMPILE -> printCompilation(r, out);
            case POLICY_VIOLATION -> printPolicy(r, out);
            case INFRASTRUCTURE_ERROR -> out.println(ansi.red("Could not grade: ") + r.statusMessage());
            case REJECTED -> out.println(ansi.red("Rejected: ") + r.statusMessage());
            case GRADED -> printGraded(r, out);
        }
        printReview(r, out);
        HistorySection.console(r, ansi, out);
        CodeSummary.print(r, out, ansi);
        SimilaritySection.console(r, out, ansi);
        OwnTestsSection.console(r, out, ansi);
        out.println();
        out.println(ansi.bold("Score  ")
                + colour(r, fmt(r.score()) + " / " + fmt(r.maxScore()) + "  (" + fmt(r.percent()) + "%)") + "  "
                + bar(r.score(), r.maxScore()));
        GradeReport.Timing t = r.timing();
        out.println(ansi.dim(String.format(
                Locale.ROOT,
                "Timing resolve %.1fs · compile %.1fs · policy %.2fs%s%s · tests %.1fs · total %.1fs",
                t.resolve(),
                t.compile(),
                t.policy(),
                t.launch() >= 0.1 ? String.format(Locale.ROOT, " · launch %.1fs", t.launch()) : "",
                t.services() >= 0.1 ? String.format(Locale.ROOT, " · services %.1fs", t.services()) : "",
                t.tests(),
                t.total())));
        out.flush();
    }

    private void printCompilation(GradeReport r, PrintWriter out) {
        out.println(ansi.red("Does not compile") + " (" + r.compilation().phase() + "): " + r.statusMessage());
        List<Diagnostic> ds = r.compilation().diagnostics();
        for (Diagnostic d : ds) {
            out.println("  " + ansi.cyan(d.file() == null ? "" : d.file() + ":" + d.line() + ":" + d.column()) + " "
                    + firstLines(d.message(), 3, "    "));
        }
    }

    /** Each violation as {@code file:line uses API [rule]}. */
    private void printPolicy(GradeReport r, PrintWriter out) {
        out.println(ansi.red("Refused by the code policy") + " (not run): "
                + r.policyViolations().size() + " violation"
                + (r.policyViolations().size() == 1 ? "" : "s"));
        for (PolicyViolation v : r.policyViolations()) {
            out.println("  " + ansi.cyan(v.location()) + " uses " + v.api()
                    + (v.origin() == null ? "" : " (in " + v.origin() + ")")
                    + ansi.dim("  [" + v.rule() + "] " + v.summary()));
        }
    }

    private void printGraded(GradeReport r, PrintWriter out) {
        if (r.run() != null && r.run().message() != null) {
            out.println(ansi.yellow("! ") + r.run().message());
            out.println();
        }
        int width =
                r.categories().stream().mapToInt(c -> c.title().length()).max().orElse(10);
        out.println(ansi.bold("Categories"));
        for (CategoryScore c : r.categories()) {
            String mark = c.complete() ? ansi.green("✔") : ansi.red("✘");
            out.println(String.format(
                    Locale.ROOT,
                    "  %s %-" + width + "s  %6s / %-5s %s  %d/%d %s",
                    mark,
                    c.title(),
                    fmt(c.score()),
                    fmt(c.maxScore()),
                    bar(c.score(), c.maxScore()),
                    c.passed(),
                    c.tests(),
                    Text.checks(c)));
            for (FailedRule rule : c.failedRules()) {
                out.println("      " + ansi.red("broken rule: ") + rule.brief() + ansi.dim("  (" + rule.id() + ")"));
            }
            for (FailedRule rule : c.notEvaluatedBecause()) {
                out.println("      " + ansi.yellow("not evaluated, because this rule failed first: ") + rule.brief()
                        + ansi.dim("  (" + rule.id() + ")"));
            }
        }
        List<TestScore> lost = r.tests().stream().filter(t -> !t.passed()).toList();
        if (!lost.isEmpty()) {
            out.println();
            out.println(ansi.bold("Lost points"));
            for (TestScore t : lost) {
                out.println("  " + ansi.red(symbol(t.status())) + " " + t.name()
                        + ansi.dim("  [" + t.category() + "] −" + fmt(t.maxScore() - t.score()) + "  "
                                + t.status().json().replace('_', ' ')));
                if (t.message() != null) {
                    out.println("      " + firstLines(t.message(), MAX_MESSAGE_LINES, "      "));
                }
            }
        }
        for (String w : r.warnings()) {
            out.println(ansi.yellow("warning: ") + w);
        }
    }

    /** Each flag as {@code severity file:line message}, then one line of change summary. */
    private void printReview(GradeReport r, PrintWriter out) {
        if (r.flags().isEmpty() && r.changes() == null) {
            return;
        }
        out.println();
        out.println(ansi.bold("Review") + ansi.dim("  (evidence for a person; flags do not change the score)"));
        for (Flag f : r.flags()) {
            String severity = String.format(Locale.ROOT, "%-7s", f.severity());
            severity = switch (f.severity()) {
                case ALERT -> ansi.red(severity);
                case WARNING -> ansi.yellow(severity);
                default -> ansi.dim(severity);
            };
            String where = f.location();
            out.println("  " + severity + " " + (where.isEmpty() ? "" : ansi.cyan(where) + " ") + f.message());
        }
        if (r.changes() != null) {
            out.println("  " + changeLine(r.changes()));
        }
    }

    /** {@code changes: 2 added, 1 changed, 0 removed; +40 -3 lines}. */
    static String changeLine(ChangeSummary c) {
        return "changes: " + c.added().size() + " added, " + c.changed().size() + " changed, "
                + c.removed().size() + " removed; +" + c.linesAdded() + " -" + c.linesRemoved() + " lines";
    }

    private static String symbol(TestStatus s) {
        return switch (s) {
            case PASSED -> "✔";
            case TIMED_OUT -> "⏱";
            case NOT_RUN, SKIPPED, NOT_EVALUATED -> "○";
            case FAILED, CRASHED -> "✘";
        };
    }

    private String colour(GradeReport r, String s) {
        if (r.status() != GradeStatus.GRADED) {
            return ansi.red(s);
        }
        return r.percent() >= 99.95 ? ansi.green(s) : r.percent() >= 50 ? ansi.yellow(s) : ansi.red(s);
    }

    private static String bar(double score, double max) {
        int filled = max <= 0 ? 0 : (int) Math.round(BAR * score / max);
        return "█".repeat(filled) + "░".repeat(BAR - filled);
    }

    static String fmt(double v) {
        return Text.number(v);
    }

    private static String firstLines(String text, int max, String indent) {
        String[] lines = text.strip().split("\\R");
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < Math.min(max, lines.length); i++) {
            b.append(i == 0 ? "" : "\n" + indent).append(lines[i]);
        }
        if (lines.length > max) {
            b.append("\n")
                    .append(indent)
                    .append("… (")
                    .append(lines.length - max)
                    .append(" more lines in the JSON report)");
        }
        return b.toString();
    }
}
